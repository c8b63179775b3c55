//! Placing annotations for a test the way an analyst's files do: written into the
//! article's sidecar, then the article opened again. Tests never write the workbench's
//! state; they change it by keys and actions only.

use scholia::app::action::Action;
use scholia::app::session::{OpenOptions, Session};
use scholia::domain::model::Annotation;
use scholia::domain::sidecar::{self, Kept};

/// Adds `annotations` (byte spans on the open article) to the session's sidecar, closes
/// the session and opens the article again with `options` at the same screen size.
pub fn reopen_with(
    session: Session,
    annotations: Vec<Annotation>,
    options: &OpenOptions,
) -> Session {
    let app = session.app();
    let doc = app.doc();
    let path = sidecar::path_for(doc.path());
    let mut file = match sidecar::read(&path).expect("the sidecar reads") {
        Some(file) => file,
        None => sidecar::to_file(doc, app.store(), &Kept::default()).expect("renders"),
    };
    for mut a in annotations {
        a.spans = a
            .spans
            .iter()
            .map(|s| {
                doc.span_to_chars(*s)
                    .expect("spans on character boundaries")
            })
            .collect();
        file.annotations.push(a);
    }
    std::fs::write(&path, sidecar::render(&file).expect("renders")).expect("writes");
    let article = doc.path().to_path_buf();
    let (width, height) = app.size();
    drop(session);
    let mut session = Session::open(&article, options).expect("opens again");
    session.dispatch(Action::Resize(width, height));
    session
}
