"""Validates FHIR R4 QuestionnaireResponse files with the third-party model fhir.resources
(6.1.0, FHIR 4.0.1). Prints one line per file and exits 1 if any file is invalid."""

import json
import sys

from fhir.resources.questionnaireresponse import QuestionnaireResponse

failed = False
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    try:
        resource = QuestionnaireResponse.parse_obj(data)
    except Exception as error:  # the model raises pydantic's ValidationError
        print(f"{path}: invalid: {error}")
        failed = True
        continue
    print(f"{path}: valid QuestionnaireResponse with {len(resource.item or [])} sections")
sys.exit(1 if failed else 0)
