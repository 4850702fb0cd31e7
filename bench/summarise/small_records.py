"""Writes COUNT small invented decision records as JSON Lines: one child each, nothing due
and nothing open, so none has a hot spot. The input of `scripts/bench-summarise.sh`."""

import sys
import uuid

TEMPLATE = (
    '{"schemaVersion":3,"meta":{"id":"%s","createdAt":"2026-03-02T09:00:00Z",'
    '"status":"draft"},"meeting":{"date":"2026-03-02"},"subjects":[{"id":"s1",'
    '"role":"child","name":"Child %d","caseReference":"GEN-%07d",'
    '"dateOfBirth":"2020-01-01"}]}\n'
)


def main():
    count = int(sys.argv[1])
    out = sys.stdout
    for number in range(count):
        out.write(TEMPLATE % (uuid.UUID(int=number + 1), number, number))


if __name__ == "__main__":
    main()
