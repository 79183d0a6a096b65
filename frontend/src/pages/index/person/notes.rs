//! Notes on the person: what a force that sees the person adds without changing the owner's data (a
//! partner force's officer noting what they know, the owner's staff noting what the fields do not
//! hold). Each note is listed oldest first with who wrote it, for which force and when; a note is
//! never edited or removed. One form adds a note, with a GOV.UK character count.

use super::Load;
use crate::api::AuthClient;
use crate::components::create_form::CreateForm;
use crate::components::field::{described_by, fid, FieldFrame};
use crate::components::time::local_time;
use crate::session::use_session;
use bluelamp_shared::index::people::notes::{check_note, AddNoteRequest, NoteDto, NOTE_MAX_CHARS};
use bluelamp_shared::index::people::PersonDto;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;
use uuid::Uuid;

/// The form's fields, top to bottom.
const ORDER: &[&str] = &["text"];

/// What a note is and is not, under the field's label.
const HINT: &str = "A note is kept with your name and force and cannot be changed. To have the record itself corrected, ask the force that owns it.";

/// How long typing must pause before the count is announced (as the GOV.UK character count does).
const ANNOUNCE_AFTER: Duration = Duration::from_millis(1000);

/// Field path → element id in the form.
fn form_id(path: &str) -> String {
    fid("note", path)
}

/// The character count's message for a note of `used` characters.
fn count_message(used: usize) -> String {
    let plural = |n: usize| if n == 1 { "character" } else { "characters" };
    if used <= NOTE_MAX_CHARS {
        let left = NOTE_MAX_CHARS - used;
        format!("You have {left} {} remaining", plural(left))
    } else {
        let over = used - NOTE_MAX_CHARS;
        format!("You have {over} {} too many", plural(over))
    }
}

/// Who wrote the note and for which force, in words.
fn byline(n: &NoteDto) -> String {
    format!(
        "By {} ({}), {}",
        n.author.display_name, n.author.collar_number, n.force
    )
}

/// The notes section of the loaded person (not re-created when the person is reloaded or a note is
/// added, so what the user typed and the notice stay).
#[component]
pub(super) fn Notes(state: RwSignal<Load>) -> impl IntoView {
    // (person, whether it was merged into another).
    let key = Memo::new(move |_| {
        state.with(|s| match s {
            Load::Loaded(p, _) => Some((p.id, p.merged_into.is_some())),
            _ => None,
        })
    });
    move || {
        key.get()
            .map(|(person, merged)| view! { <NotesSection state=state person=person merged=merged /> })
    }
}

/// The list and the form for one person.
#[component]
fn NotesSection(state: RwSignal<Load>, person: Uuid, merged: bool) -> impl IntoView {
    let notes = Memo::new(move |_| {
        state.with(|s| match s {
            Load::Loaded(p, _) => p.notes.clone(),
            _ => Vec::new(),
        })
    });
    let form = if merged {
        view! {
            <p class="body" id="notes-merged">
                "This record was merged into another: add notes to the surviving record."
            </p>
        }
        .into_any()
    } else {
        view! { <NoteForm state=state person=person /> }.into_any()
    };
    view! {
        <section class="section" id="notes" aria-labelledby="notes-title">
            <h2 class="heading-l" id="notes-title">
                "Notes"
            </h2>
            <p class="body">
                "What officers of this force and of forces that share the record have noted about the person, oldest first. A note does not change the record."
            </p>
            {move || note_list(notes.get())}
            {form}
        </section>
    }
}

/// The notes, oldest first, each with who wrote it and when.
fn note_list(notes: Vec<NoteDto>) -> AnyView {
    if notes.is_empty() {
        return view! {
            <p class="body" id="notes-none">
                "No notes yet."
            </p>
        }
        .into_any();
    }
    let items = notes
        .into_iter()
        .map(|n| {
            let by = byline(&n);
            view! {
                <li class="note" id=format!("note-{}", n.id) data-force=n.force.0.clone()>
                    <p class="note__text">{n.text}</p>
                    <p class="note__by">
                        {by} ", " <time datetime=n.written_at.to_rfc3339()>{local_time(n.written_at)}</time>
                    </p>
                </li>
            }
        })
        .collect_view();
    view! {
        <ol class="list notes" id="notes-list">
            {items}
        </ol>
    }
    .into_any()
}

/// "Add a note": a labelled textarea with the character count, checked by the shared rules before it
/// is sent (faults at the field and in the summary, nothing typed is lost); sent with an idempotency
/// key kept across retries of the same note. On success the page shows the person as returned.
#[component]
fn NoteForm(state: RwSignal<Load>, person: Uuid) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let text = RwSignal::new(String::new());
    let form = CreateForm::new(ORDER, form_id);
    let request = move || AddNoteRequest {
        text: text.get_untracked().trim().to_owned(),
    };
    form.recheck(vec![text], move || check_note(&request()));

    // The count: shown at once, announced to screen readers once typing pauses (not on load, and
    // not when the field is emptied after the note was added).
    let used = Memo::new(move |_| text.with(|t| t.trim().chars().count()));
    let over = move || used.get() > NOTE_MAX_CHARS;
    let announced = RwSignal::new(String::new());
    let typed = StoredValue::new(0u64);
    Effect::new(move |prev: Option<()>| {
        let n = used.get();
        let empty = text.with_untracked(String::is_empty);
        let gen = typed.get_value() + 1;
        typed.set_value(gen);
        if prev.is_none() || empty {
            return;
        }
        spawn_local(async move {
            gloo_timers::future::sleep(ANNOUNCE_AFTER).await;
            if typed.try_get_value() == Some(gen) {
                let _ = announced.try_set(count_message(n));
            }
        });
    });

    let on_submit = move || {
        let req = request();
        let problems = check_note(&req);
        form.submit(
            req,
            problems,
            move |req, key| async move { client.add_note(person, &req, &key).await },
            move |(p, etag): (PersonDto, Option<String>)| {
                let etag = etag.unwrap_or_else(|| format!("\"{}\"", p.meta.version));
                let _ = state.try_set(Load::Loaded(Box::new(p), etag));
                let _ = text.try_set(String::new());
                let _ = announced.try_set(String::new());
                "Your note has been added.".to_owned()
            },
        );
    };

    let id = form_id("text");
    let info_id = format!("{id}-info");
    let error = form.error_at("text");
    let field_described = described_by(&id, true, error);
    let info = info_id.clone();
    let describedby = move || match field_described() {
        Some(ids) => format!("{ids} {info}"),
        None => info.clone(),
    };
    let fields = view! {
        <FieldFrame id=id.clone() label="Your note" hint=Some(HINT) error=error>
            <textarea
                class="textarea"
                class:input--error=move || error.with(Option::is_some) || over()
                id=id.clone()
                name=id.clone()
                rows=5
                spellcheck="true"
                aria-describedby=describedby
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            <p
                class="hint character-count__message"
                class:character-count__message--error=over
                id=info_id
            >
                {move || count_message(used.get())}
            </p>
            <p class="visually-hidden" id=format!("{id}-status") aria-live="polite">
                {move || announced.get()}
            </p>
        </FieldFrame>
    };
    view! {
        <h3 class="heading-m" id="note-form-title">
            "Add a note"
        </h3>
        {form.frame("note", "Add the note", "Adding…", on_submit, fields)}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bluelamp_shared::ids::{ForceCode, UserId};
    use bluelamp_shared::users::UserRef;

    #[test]
    fn the_count_says_what_is_left_or_how_many_too_many() {
        assert_eq!(count_message(0), "You have 2000 characters remaining");
        assert_eq!(
            count_message(NOTE_MAX_CHARS - 1),
            "You have 1 character remaining"
        );
        assert_eq!(count_message(NOTE_MAX_CHARS), "You have 0 characters remaining");
        assert_eq!(count_message(NOTE_MAX_CHARS + 1), "You have 1 character too many");
        assert_eq!(
            count_message(NOTE_MAX_CHARS + 7),
            "You have 7 characters too many"
        );
    }

    #[test]
    fn a_note_says_who_wrote_it_and_for_which_force() {
        let n = NoteDto {
            id: Uuid::nil(),
            text: "Known as 'Dee'".into(),
            force: ForceCode("WV".into()),
            author: UserRef {
                id: UserId(Uuid::nil()),
                display_name: "Aisha Begum".into(),
                collar_number: "WV2201".into(),
            },
            written_at: chrono::DateTime::default(),
        };
        assert_eq!(byline(&n), "By Aisha Begum (WV2201), WV");
        assert_eq!(form_id("text"), "note-text");
    }
}
