//! The Case sections of the crime page: witness statements (a quick MG11 form), the
//! unused-material register, and the crime's case files with "Start a case file".

use super::{user_text, CheckWithError};
use crate::components::field::{CheckboxField, SelectField, TextArea, TextField};
use crate::components::ids::new_idempotency_key;
use crate::components::permissions::can;
use crate::components::table::ScrollTable;
use crate::components::time::{local_time, now};
use crate::pages::investigation::crime::CrimeCtx;
use crate::routes::case_file_path;
use bluelamp_shared::auth::Capability;
use bluelamp_shared::case::{
    check_statement, check_unused, CreateCaseFileRequest, FileType, StatementRequest, UnusedMaterialRequest,
};
use bluelamp_shared::error::FieldError;
use bluelamp_shared::investigation::PartyRole;
use bluelamp_shared::records::RecordKind;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

/// Scrolls to the element the address's `#fragment` names (e.g. `#statements` from a case file's
/// "Still needed" list), once the page has rendered it.
pub fn scroll_to_hash() {
    request_animation_frame(|| {
        let Some(w) = web_sys::window() else {
            return;
        };
        let hash = w.location().hash().unwrap_or_default();
        let id = hash.trim_start_matches('#');
        if id.is_empty() {
            return;
        }
        if let Some(el) = w.document().and_then(|d| d.get_element_by_id(id)) {
            el.scroll_into_view();
        }
    });
}

/// The people among the victims and witnesses (an organisation makes no statement).
fn witness_options(ctx: CrimeCtx) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        ctx.with(|c| {
            let mut v: Vec<(String, String)> = Vec::new();
            for p in &c.parties {
                let role = match p.role {
                    PartyRole::Victim => "victim",
                    PartyRole::Witness => "witness",
                    _ => continue,
                };
                let Some(r) = p.record.as_ref().filter(|r| r.record.kind == RecordKind::Person) else {
                    continue;
                };
                let id = r.record.id.to_string();
                if !v.iter().any(|(i, _)| *i == id) {
                    v.push((id, format!("{} ({role})", r.label)));
                }
            }
            v
        })
    })
}

/// The statement form's inputs.
#[derive(Debug, Clone, Copy)]
struct StatementInputs {
    witness: RwSignal<String>,
    myself: RwSignal<bool>,
    occupation: RwSignal<String>,
    over_18: RwSignal<bool>,
    text: RwSignal<String>,
    declaration: RwSignal<bool>,
    personal: RwSignal<bool>,
}

/// Checks and records the statement; once recorded, the form is emptied.
fn add_statement(ctx: CrimeCtx, f: StatementInputs, busy: RwSignal<bool>, key: StoredValue<String>) {
    let StatementInputs {
        witness,
        myself,
        occupation,
        over_18,
        text,
        declaration,
        personal,
    } = f;
    if busy.get_untracked() {
        return;
    }
    let me = myself.get_untracked();
    let req = StatementRequest {
        witness_person_id: if me {
            None
        } else {
            Uuid::parse_str(&witness.get_untracked()).ok()
        },
        myself: me,
        occupation: occupation.get_untracked().trim().to_owned(),
        over_18: over_18.get_untracked(),
        text: text.get_untracked().trim().to_owned(),
        declaration: declaration.get_untracked(),
        personal_statement: !me && personal.get_untracked(),
        made_at: None,
    };
    let problems = check_statement(&req, now());
    if !problems.is_empty() {
        ctx.invalid("statement", &problems);
        return;
    }
    let id = ctx.id();
    let k = key.get_value();
    busy.set(true);
    spawn_local(async move {
        let r = ctx.client.add_statement(id, &req, &k).await;
        let _ = busy.try_set(false);
        match r {
            Ok(s) => {
                key.set_value(new_idempotency_key());
                for s in [witness, occupation, text] {
                    let _ = s.try_set(String::new());
                }
                let _ = declaration.try_set(false);
                let _ = personal.try_set(false);
                let _ = over_18.try_set(true);
                ctx.saved(None, &format!("Statement of {} recorded.", s.witness_name));
            }
            Err(e) => ctx.fail("statement", e),
        }
    });
}

/// The statements taken so far.
#[component]
fn StatementList(ctx: CrimeCtx) -> impl IntoView {
    move || {
        let list = ctx.with(|c| c.statements.clone());
        if list.is_empty() {
            return view! { <p class="body">"No statements taken yet."</p> }.into_any();
        }
        view! {
            <ul class="list statements" id="statements-list">
                {list
                    .into_iter()
                    .map(|s| {
                        let what = if s.personal_statement { "Victim personal statement" } else { "Statement" };
                        view! {
                            <li class="row-group statement" data-statement-id=s.id.to_string()>
                                <p class="body">
                                    <strong>{format!("{what} of {}", s.witness_name)}</strong>
                                </p>
                                <p class="small">
                                    {format!(
                                        "{}{} · made {} · taken by {} ({})",
                                        if s.occupation.is_empty() { String::new() } else { format!("{} · ", s.occupation) },
                                        if s.over_18 { "over 18" } else { "under 18" },
                                        local_time(s.made_at),
                                        user_text(&s.recorded_by),
                                        s.force,
                                    )}
                                </p>
                                <details class="details">
                                    <summary class="details__summary">"Read the statement"</summary>
                                    <p class="body pre-line">{s.text.clone()}</p>
                                </details>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
            .into_any()
    }
}

/// A quick form to take a statement (MG11).
#[component]
fn StatementForm(ctx: CrimeCtx) -> impl IntoView {
    let f = StatementInputs {
        witness: RwSignal::new(String::new()),
        myself: RwSignal::new(false),
        occupation: RwSignal::new(String::new()),
        over_18: RwSignal::new(true),
        text: RwSignal::new(String::new()),
        declaration: RwSignal::new(false),
        personal: RwSignal::new(false),
    };
    let StatementInputs {
        witness,
        myself,
        occupation,
        over_18,
        text,
        declaration,
        personal,
    } = f;
    let busy = RwSignal::new(false);
    let key = StoredValue::new(new_idempotency_key());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        add_statement(ctx, f, busy, key);
    };
    let witnesses = witness_options(ctx);
    view! {
    <h3 class="heading-m" id="statement-form-title">"Take a statement (MG11)"</h3>
    <form novalidate id="statement-form" aria-labelledby="statement-form-title" on:submit=add>
        <CheckboxField id="statement-myself" label="I am the witness (an officer's own statement)" checked=myself />
        <Show when=move || !myself.get()>
            <SelectField
                id="statement-witness-person-id"
                label="Witness"
                value=witness
                options=witnesses
                error=ctx.err("statement-witness-person-id")
                empty="Choose a victim or witness of the crime"
            />
        </Show>
        <p class="small" hidden=move || myself.get() || !witnesses.with(Vec::is_empty)>
            "Add the witness to the crime first (People and organisations)."
        </p>
        <div class="inline-fields">
            <TextField
                id="statement-occupation"
                label="Occupation"
                hint="For an officer's own statement, leave empty: police officer."
                value=occupation
                error=ctx.err("statement-occupation")
            />
        </div>
        <CheckboxField id="statement-over-18" label="The witness is over 18" checked=over_18 />
        <TextArea
            id="statement-text"
            label="Statement"
            hint="In the witness's own words (at least 20 characters)."
            value=text
            error=ctx.err("statement-text")
            rows=10
        />
        <CheckWithError
            id="statement-declaration"
            label="The witness made the declaration and signed: this statement is true to the best of their knowledge and belief (s.9 Criminal Justice Act 1967)"
            checked=declaration
            error=ctx.err("statement-declaration")
        />
        <Show when=move || !myself.get()>
            <CheckWithError
                id="statement-personal-statement"
                label="This is a victim personal statement (the effect of the crime on the victim)"
                checked=personal
                error=ctx.err("statement-personal-statement")
            />
        </Show>
        <button type="submit" class="button" id="statement-submit" aria-disabled=move || busy.get().to_string()>
            "Record the statement"
        </button>
    </form>
    }
}

/// Witness statements (MG11) and victim personal statements, and a quick form to take one.
#[component]
pub fn Statements(
    /// The crime page's shared state.
    ctx: CrimeCtx,
) -> impl IntoView {
    let writer = can(Capability::WriteStatements);
    view! {
        <section class="section" id="statements" aria-labelledby="statements-title">
            <h2 class="heading-l" id="statements-title">
                "Witness statements"
            </h2>
            <StatementList ctx=ctx />
            <Show when=move || writer.get()>
                <StatementForm ctx=ctx />
            </Show>
        </section>
    }
}

/// Whether the caller may build on this crime: the capability, and the crime is their own force's
/// (another force may add statements where sharing allows, but the register and the case files are
/// the investigating force's).
fn own_force_builder(ctx: CrimeCtx) -> Signal<bool> {
    let builder = can(Capability::BuildCaseFiles);
    let user = crate::session::use_session().user();
    Signal::derive(move || {
        builder.get()
            && user.with(|u| {
                u.as_ref()
                    .is_some_and(|u| ctx.with(|c| c.meta.force == u.force.code))
            })
    })
}

/// The unused material on the register.
#[component]
fn UnusedList(ctx: CrimeCtx) -> impl IntoView {
    move || {
        let items = ctx.with(|c| c.unused_material.clone());
        if items.is_empty() {
            return view! { <p class="body">"Nothing on the register."</p> }.into_any();
        }
        view! {
            <ScrollTable id="unused-material-list" caption="The unused material on the register">
                <thead>
                    <tr>
                        <th scope="col">"Item"</th>
                        <th scope="col">"Description"</th>
                        <th scope="col">"Kept at"</th>
                        <th scope="col">"Schedule"</th>
                        <th scope="col">"Added by"</th>
                    </tr>
                </thead>
                <tbody>
                    {items
                        .into_iter()
                        .map(|u| {
                            view! {
                                <tr data-unused-id=u.id.to_string() data-sensitive=u.sensitive.to_string()>
                                    <td>{u.number}</td>
                                    <td class="pre-line">{u.description.clone()}</td>
                                    <td>{u.location.clone()}</td>
                                    <td>
                                        {if u.sensitive {
                                            format!("Sensitive (MG6D): {}", u.sensitivity_reason)
                                        } else {
                                            "Not sensitive (MG6C)".to_owned()
                                        }}
                                    </td>
                                    <td>{format!("{}, {}", user_text(&u.recorded_by), local_time(u.recorded_at))}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </ScrollTable>
        }
            .into_any()
    }
}

/// A form to add to the register.
#[component]
fn UnusedForm(ctx: CrimeCtx) -> impl IntoView {
    let description = RwSignal::new(String::new());
    let location = RwSignal::new(String::new());
    let sensitive = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let key = StoredValue::new(new_idempotency_key());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let s = sensitive.get_untracked();
        let req = UnusedMaterialRequest {
            description: description.get_untracked().trim().to_owned(),
            location: location.get_untracked().trim().to_owned(),
            sensitive: s,
            sensitivity_reason: if s {
                reason.get_untracked().trim().to_owned()
            } else {
                String::new()
            },
        };
        let problems = check_unused(&req);
        if !problems.is_empty() {
            ctx.invalid("unused", &problems);
            return;
        }
        let id = ctx.id();
        let k = key.get_value();
        busy.set(true);
        spawn_local(async move {
            let r = ctx.client.add_unused_material(id, &req, &k).await;
            let _ = busy.try_set(false);
            match r {
                Ok(u) => {
                    key.set_value(new_idempotency_key());
                    for s in [description, location, reason] {
                        let _ = s.try_set(String::new());
                    }
                    let _ = sensitive.try_set(false);
                    ctx.saved(
                        None,
                        &format!(
                            "Item {} added to the {} schedule.",
                            u.number,
                            if u.sensitive {
                                "sensitive (MG6D)"
                            } else {
                                "non-sensitive (MG6C)"
                            }
                        ),
                    );
                }
                Err(e) => ctx.fail("unused", e),
            }
        });
    };
    view! {
    <h3 class="heading-m" id="unused-form-title">"Add to the register"</h3>
    <form novalidate id="unused-form" aria-labelledby="unused-form-title" on:submit=add>
        <TextArea
            id="unused-description"
            label="Description"
            hint="What it is, e.g. CCTV from the car park, 14:00 to 15:00, nothing relevant seen."
            value=description
            error=ctx.err("unused-description")
            rows=2
        />
        <TextField id="unused-location" label="Where it is kept" value=location error=ctx.err("unused-location") />
        <CheckboxField id="unused-sensitive" label="Sensitive material (never disclosed to the defence without a court ruling)" checked=sensitive />
        <Show when=move || sensitive.get()>
            <TextField
                id="unused-sensitivity-reason"
                label="Why it is sensitive"
                value=reason
                error=ctx.err("unused-sensitivity-reason")
            />
        </Show>
        <button type="submit" class="button button--secondary" id="unused-add" aria-disabled=move || busy.get().to_string()>
            "Add to the register"
        </button>
    </form>
    }
}

/// The unused-material register (it becomes the MG6C and MG6D schedules), and a form to add to it.
#[component]
pub fn UnusedMaterial(
    /// The crime page's shared state.
    ctx: CrimeCtx,
) -> impl IntoView {
    let builder = own_force_builder(ctx);
    view! {
        <section class="section" id="unused-material" aria-labelledby="unused-material-title">
            <h2 class="heading-l" id="unused-material-title">
                "Unused material"
            </h2>
            <p class="body">"Material gathered but not used as evidence. It is listed on the MG6C (non-sensitive) and MG6D (sensitive) schedules of the case file."</p>
            <UnusedList ctx=ctx />
            <Show when=move || builder.get()>
                <UnusedForm ctx=ctx />
            </Show>
        </section>
    }
}

/// The crime's case files, and "Start a case file".
#[component]
pub fn CaseFiles(
    /// The crime page's shared state.
    ctx: CrimeCtx,
) -> impl IntoView {
    let builder = own_force_builder(ctx);
    let file_type = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let key = StoredValue::new(new_idempotency_key());
    let navigate = use_navigate();
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(t) = FileType::parse(&file_type.get_untracked()) else {
            ctx.invalid(
                "new-case",
                &[FieldError::new("file_type", "required", "Choose the file type")],
            );
            return;
        };
        let req = CreateCaseFileRequest {
            crime_id: Some(ctx.id()),
            file_type: Some(t),
        };
        let k = key.get_value();
        let navigate = navigate.clone();
        busy.set(true);
        spawn_local(async move {
            let r = ctx.client.create_case_file(&req, &k).await;
            let _ = busy.try_set(false);
            match r {
                Ok(f) => {
                    key.set_value(new_idempotency_key());
                    navigate(&case_file_path(f.id), Default::default());
                }
                Err(e) => ctx.fail("new-case", e),
            }
        });
    };
    let types = Signal::derive(|| {
        FileType::ALL
            .into_iter()
            .map(|t| (t.as_str().to_owned(), t.label().to_owned()))
            .collect::<Vec<_>>()
    });
    view! {
        <section class="section" id="case-files" aria-labelledby="case-files-title">
            <h2 class="heading-l" id="case-files-title">
                "Case files"
            </h2>
            {move || {
                let files = ctx.with(|c| c.case_files.clone());
                if files.is_empty() {
                    return view! { <p class="body">"No case file yet."</p> }.into_any();
                }
                view! {
                    <ul class="list" id="case-files-list">
                        {files
                            .into_iter()
                            .map(|f| {
                                view! {
                                    <li class="case-file" data-case-file-id=f.id.to_string() data-state=f.state.as_str()>
                                        <A href=case_file_path(f.id)>{f.urn.clone()}</A>
                                        {format!(" – {} – {} (changed {})", f.file_type.label(), f.state.label(), local_time(f.updated_at))}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <Show when=move || builder.get()>
                <form novalidate id="new-case-file-form" on:submit=start.clone()>
                    <SelectField
                        id="new-case-file-type"
                        label="File type"
                        value=file_type
                        options=types
                        error=ctx.err("new-case-file-type")
                        empty="Choose"
                    />
                    <button type="submit" class="button button--secondary" id="new-case-file-submit" aria-disabled=move || busy.get().to_string()>
                        "Start a case file"
                    </button>
                </form>
            </Show>
        </section>
    }
}
