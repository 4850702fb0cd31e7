//! The notices above the stage: a draft restored or expired, another tab holding the
//! meeting, storage problems, and the last change that was refused.

use crate::meeting::Problem;
use crate::session::Notices as SessionNotices;
use yew::prelude::*;

/// Props of the notices.
pub struct NoticesProps {
    pub notices: SessionNotices,
    pub refusal: Option<Problem>,
    pub on_dismiss: Callback<MouseEvent>,
}

/// The notices, most recent concern last.
pub fn notices(props: NoticesProps) -> Html {
    let notices = &props.notices;
    html! {
        <>
            if let Some(saved) = &notices.restored {
                <div class="rs-notice rs-notice--info" role="status">
                    <p class="rs-notice__text">{ format!("Restored the draft saved in this browser at {saved}.") }</p>
                </div>
            }
            if let Some(expired) = &notices.expired {
                <div class="rs-notice rs-notice--info" role="status">
                    <p class="rs-notice__text">{ expired.clone() }</p>
                </div>
            }
            if notices.other_tab {
                <div class="rs-notice rs-notice--refusal" role="alert">
                    <p class="rs-notice__text">
                        { "This meeting is already open in another tab or window, so this tab shows it read-only and follows the changes saved there. Use the other tab; if it is closed, this one takes over within a few seconds." }
                    </p>
                </div>
            }
            if let Some(problem) = &notices.storage_problem {
                <div class="rs-notice rs-notice--refusal" role="alert">
                    <p class="rs-notice__text">{ problem.clone() }</p>
                </div>
            }
            if let Some(problem) = &props.refusal {
                <div class="rs-notice rs-notice--refusal" role="alert">
                    <p class="rs-notice__text">{ problem.to_string() }</p>
                    <button type="button" class="rs-button rs-button--secondary" onclick={props.on_dismiss.clone()}>{ "Dismiss" }</button>
                </div>
            }
        </>
    }
}
