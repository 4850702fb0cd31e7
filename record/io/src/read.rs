//! Reading the record's own types from JSON for the widget's forms: an item, a section or
//! an enumeration value chosen in a form.
//!
//! The reading code is compiled here, in the crate built for speed, where [`import`]
//! already compiles the reader of every type for whole records; the forms share it. A
//! generic function called from the widget would compile a second copy of every reader,
//! built for size, into the same WebAssembly.
//!
//! [`import`]: crate::import

use risk_sensible_record::*;
use serde_json::Value;

/// One of the record's types, readable from JSON with [`read_json`].
pub trait ReadJson: Sized {
    /// Reads the value from JSON text: the value, or the path of the first problem (such
    /// as `$.due`, or `$` for the whole text) and what is wrong there.
    fn read_json_text(text: &str) -> Result<Self, (String, String)>;
}

macro_rules! read_here {
    ($($name:ty),+ $(,)?) => {
        $(impl ReadJson for $name {
            fn read_json_text(text: &str) -> Result<Self, (String, String)> {
                from_json_text(text)
            }
        })+
    };
}

read_here!(
    // Items of the list stages.
    Subject,
    InformationItem,
    ToolInput,
    InformationGap,
    Statement,
    Decision,
    Risk,
    Action,
    Contingency,
    Dissent,
    FamilyCommunication,
    Recipient,
    // Sections edited as one form.
    PracticeContext,
    ChildVoice,
    Timescales,
    WellbeingDebrief,
    // Enumeration values chosen in forms.
    MeetingType,
    MeetingMode,
    Attendance,
    Tristate,
    Sensitivity,
);

/// Reads one of the record's types from a JSON value, naming the path of the first problem
/// (`$.due: …`). For any other type, [`from_json`] does the same.
pub fn read_json<T: ReadJson>(value: Value) -> Result<T, String> {
    from_json_via(value, T::read_json_text)
}
