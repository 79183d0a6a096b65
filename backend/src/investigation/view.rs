//! Rows to DTOs: the crime page, cancellations and incidents.

use super::*;
use bluelamp_shared::records::RecordSummary;
use bluelamp_shared::users::UserRef;

/// The full view of a crime.
pub fn crime_dto(
    conn: &mut AnyConnection,
    caller: &Caller,
    vis: &Visibility,
    reference: &Reference,
    ir: &InvestigationRef,
    today: NaiveDate,
    row: &CrimeRow,
) -> Result<CrimeDto, ApiError> {
    let grantees = access::grants_of(conn, std::slice::from_ref(&row.id))?
        .remove(&row.id)
        .unwrap_or_default();
    let Linked {
        mut parties,
        property,
        exhibit_objects,
        location,
    } = linked(conn, vis, reference, today, row)?;
    parties.extend(unknown_suspects(conn, &row.id)?);
    let history = History::load(conn, &row.id)?;
    let refs = user_refs(conn, &history.people(row))?;
    let exhibits = exhibit_dtos(history.exhibits, &history.moves, &exhibit_objects, &refs);
    let state = state_of(row);
    let cancellations = cancellation_dtos(conn, history.cancellations)?;
    Ok(CrimeDto {
        id: uuid(&row.id),
        crn: row.crn.clone(),
        state,
        classification_label: row
            .classification
            .as_deref()
            .map(|c| reference.label(inv::vocab::HO_CLASSIFICATION, c)),
        offence_label: row.offence.as_deref().map(|o| {
            ir.offences
                .get(o)
                .map(|x| x.label.clone())
                .unwrap_or_else(|| o.to_owned())
        }),
        crime: input_of(row, grantees.clone()),
        location,
        clock: clock(row),
        officer_in_charge: row.officer_in_charge.as_deref().map(|u| user_ref(&refs, u)),
        unit: row.unit.clone(),
        unit_label: unit_name(conn, row.unit.as_ref())?,
        proposed_outcome: row.proposed_outcome.clone(),
        outcome: row.outcome.clone(),
        finalised_at: row.finalised_at.map(utc),
        returned_comments: row.returned_comments.clone(),
        parties,
        property,
        exhibits,
        victims: victim_service::for_crime(conn, vis, reference, ir, today, row)?,
        tasks: history
            .tasks
            .iter()
            .map(|t| task_service::dto(t, &refs))
            .collect(),
        log: log_dtos(history.log, &refs),
        classifications: classification_dtos(history.classifications, &refs),
        cancellations,
        statements: crate::case::statements_of(conn, &row.id)?,
        unused_material: crate::case::unused_of(conn, &row.id)?,
        case_files: crate::case::files_of(conn, caller, row)?,
        actions: CrimeAction::from_state(state)
            .into_iter()
            .filter(|a| may(caller, row, *a, None))
            .collect(),
        meta: RecordMeta {
            force: ForceCode(row.force_code.clone()),
            restriction: Restriction {
                restricted: row.restricted,
                grantees,
            },
            version: row.version,
            created_at: utc(row.created_at),
            updated_at: utc(row.updated_at),
        },
    })
}

/// What a crime's links say: its parties, property, the objects its exhibits are, and where it
/// happened.
struct Linked {
    parties: Vec<PartyDto>,
    property: Vec<PropertyDto>,
    /// The linked exhibits' objects by object id.
    exhibit_objects: HashMap<String, RecordSummary>,
    location: Option<RecordSummary>,
}

/// Sorts the crime's links (those the caller may see) by their reason.
fn linked(
    conn: &mut AnyConnection,
    vis: &Visibility,
    reference: &Reference,
    today: NaiveDate,
    row: &CrimeRow,
) -> Result<Linked, ApiError> {
    let views = link_service::views(conn, vis, reference, today, std::slice::from_ref(&row.id))?;
    let mut parties = Vec::new();
    let mut property = Vec::new();
    let mut exhibit_objects = HashMap::new();
    let mut location = None;
    let object_ids: Vec<String> = views
        .iter()
        .filter(|v| v.other.record.kind == RecordKind::Object)
        .map(|v| v.other.record.id.to_string())
        .collect();
    let values: HashMap<String, Option<i64>> = objects::table
        .filter(objects::id.eq_any(&object_ids))
        .select((objects::id, objects::value_pence))
        .load::<(String, Option<i64>)>(conn)?
        .into_iter()
        .collect();
    for v in views {
        if let Some(role) = PartyRole::from_link_reason(&v.reason) {
            parties.push(PartyDto {
                id: v.id,
                role,
                record: Some(v.other),
                description: None,
            });
        } else if let Some(role) = PropertyRole::from_link_reason(&v.reason) {
            property.push(PropertyDto {
                id: v.id,
                role,
                value_pence: values.get(&v.other.record.id.to_string()).copied().flatten(),
                object: v.other,
            });
        } else if v.reason == "exhibit" {
            exhibit_objects.insert(v.other.record.id.to_string(), v.other);
        } else if v.reason == "occurred_at"
            && row.location_id.as_deref() == Some(&v.other.record.id.to_string())
        {
            location = Some(v.other);
        }
    }
    Ok(Linked {
        parties,
        property,
        exhibit_objects,
        location,
    })
}

/// The crime's suspects not yet identified, as parties, oldest first.
fn unknown_suspects(conn: &mut AnyConnection, crime_id: &str) -> Result<Vec<PartyDto>, ApiError> {
    let unknown: Vec<(String, String)> = crime_unknown_suspects::table
        .filter(crime_unknown_suspects::crime_id.eq(crime_id))
        .order(crime_unknown_suspects::created_at)
        .select((crime_unknown_suspects::id, crime_unknown_suspects::description))
        .load(conn)?;
    Ok(unknown
        .into_iter()
        .map(|(id, description)| PartyDto {
            id: uuid(&id),
            role: PartyRole::Suspect,
            record: None,
            description: Some(description),
        })
        .collect())
}

/// An exhibit: (id, object id, reference, seized by, seized at, seized from, storage).
type ExhibitRow = (String, String, String, String, NaiveDateTime, String, String);
/// An exhibit's movement: (exhibit id, to, reason, by, at).
type MovementRow = (String, String, String, String, NaiveDateTime);
/// A log entry: (id, kind, text, by, at).
type LogRow = (String, String, String, String, NaiveDateTime);
/// A classification: (classification, offence, reason, by, at).
type ClassificationRow = (String, String, String, String, NaiveDateTime);

/// The crime's exhibits and their movements, tasks, log, classifications and cancellations, each
/// oldest first.
struct History {
    exhibits: Vec<ExhibitRow>,
    moves: Vec<MovementRow>,
    tasks: Vec<TaskRow>,
    log: Vec<LogRow>,
    classifications: Vec<ClassificationRow>,
    cancellations: Vec<CancellationRow>,
}

impl History {
    fn load(conn: &mut AnyConnection, crime_id: &str) -> Result<Self, ApiError> {
        let exhibits: Vec<ExhibitRow> = exhibits::table
            .filter(exhibits::crime_id.eq(crime_id))
            .order(exhibits::created_at)
            .select((
                exhibits::id,
                exhibits::object_id,
                exhibits::reference,
                exhibits::seized_by,
                exhibits::seized_at,
                exhibits::seized_from,
                exhibits::storage,
            ))
            .load(conn)?;
        let ex_ids: Vec<String> = exhibits.iter().map(|r| r.0.clone()).collect();
        let moves: Vec<MovementRow> = exhibit_movements::table
            .filter(exhibit_movements::exhibit_id.eq_any(&ex_ids))
            .order(exhibit_movements::moved_at)
            .select((
                exhibit_movements::exhibit_id,
                exhibit_movements::to_place,
                exhibit_movements::reason,
                exhibit_movements::moved_by,
                exhibit_movements::moved_at,
            ))
            .load(conn)?;
        let tasks: Vec<TaskRow> = schema::tasks::table
            .filter(schema::tasks::crime_id.eq(crime_id))
            .order(schema::tasks::created_at)
            .select(TaskRow::as_select())
            .load(conn)?;
        let log: Vec<LogRow> = crime_log::table
            .filter(crime_log::crime_id.eq(crime_id))
            .order(crime_log::written_at)
            .select((
                crime_log::id,
                crime_log::kind,
                crime_log::text,
                crime_log::written_by,
                crime_log::written_at,
            ))
            .load(conn)?;
        let classifications: Vec<ClassificationRow> = crime_classifications::table
            .filter(crime_classifications::crime_id.eq(crime_id))
            .order(crime_classifications::changed_at)
            .select((
                crime_classifications::classification,
                crime_classifications::offence,
                crime_classifications::reason,
                crime_classifications::changed_by,
                crime_classifications::changed_at,
            ))
            .load(conn)?;
        let cancellations = cancellation_rows(conn, Cancellations::OfCrime(crime_id))?;
        Ok(Self {
            exhibits,
            moves,
            tasks,
            log,
            classifications,
            cancellations,
        })
    }

    /// The users the history and the crime name, to look up once.
    fn people(&self, row: &CrimeRow) -> Vec<String> {
        let mut people: Vec<String> = self.moves.iter().map(|m| m.3.clone()).collect();
        people.extend(self.log.iter().map(|l| l.3.clone()));
        people.extend(self.classifications.iter().map(|c| c.3.clone()));
        people.extend(self.tasks.iter().filter_map(|t| t.assignee.clone()));
        people.extend(self.tasks.iter().filter_map(|t| t.created_by.clone()));
        people.extend(row.officer_in_charge.clone());
        people
    }
}

/// The exhibits whose object the caller may see, each with its movements.
fn exhibit_dtos(
    rows: Vec<ExhibitRow>,
    moves: &[MovementRow],
    objects: &HashMap<String, RecordSummary>,
    refs: &HashMap<String, UserRef>,
) -> Vec<ExhibitDto> {
    rows.into_iter()
        .filter_map(
            |(id, object_id, reference, seized_by, seized_at, seized_from, storage)| {
                let object = objects.get(&object_id)?.clone();
                Some(ExhibitDto {
                    movements: moves
                        .iter()
                        .filter(|m| m.0 == id)
                        .map(|m| ExhibitMovementDto {
                            to: m.1.clone(),
                            reason: m.2.clone(),
                            by: user_ref(refs, &m.3),
                            at: utc(m.4),
                        })
                        .collect(),
                    id: uuid(&id),
                    reference,
                    object,
                    seized_by,
                    seized_at: utc(seized_at),
                    seized_from,
                    storage,
                })
            },
        )
        .collect()
}

/// The crime's log and plan entries.
fn log_dtos(rows: Vec<LogRow>, refs: &HashMap<String, UserRef>) -> Vec<LogEntryDto> {
    rows.into_iter()
        .map(|(id, kind, text, by, at)| LogEntryDto {
            id: uuid(&id),
            kind: if kind == "plan" {
                LogKind::Plan
            } else {
                LogKind::Log
            },
            text,
            by: user_ref(refs, &by),
            at: utc(at),
        })
        .collect()
}

/// The crime's classification history.
fn classification_dtos(
    rows: Vec<ClassificationRow>,
    refs: &HashMap<String, UserRef>,
) -> Vec<ClassificationDto> {
    rows.into_iter()
        .map(|(classification, offence, reason, by, at)| ClassificationDto {
            classification,
            offence,
            reason,
            by: user_ref(refs, &by),
            at: utc(at),
        })
        .collect()
}

pub(super) type CancellationRow = (
    String,
    String,
    String,
    String,
    String,
    NaiveDateTime,
    Option<bool>,
    Option<String>,
    Option<String>,
    Option<NaiveDateTime>,
);

/// Cancellation requests of some crimes, or the pending ones of a force.
pub(super) fn cancellation_rows(
    conn: &mut AnyConnection,
    which: Cancellations<'_>,
) -> Result<Vec<CancellationRow>, ApiError> {
    let mut q = crime_cancellations::table
        .select((
            crime_cancellations::id,
            crime_cancellations::crime_id,
            crime_cancellations::reason,
            crime_cancellations::additional_information,
            crime_cancellations::requested_by,
            crime_cancellations::requested_at,
            crime_cancellations::approved,
            crime_cancellations::comment,
            crime_cancellations::decided_by,
            crime_cancellations::decided_at,
        ))
        .into_boxed();
    Ok(match which {
        Cancellations::OfCrime(id) => q
            .filter(crime_cancellations::crime_id.eq(id))
            .order((crime_cancellations::requested_at, crime_cancellations::id))
            .load(conn)?,
        Cancellations::One(id) => q.filter(crime_cancellations::id.eq(id)).load(conn)?,
        Cancellations::PendingOf(force, paging) => {
            q = q
                .filter(crime_cancellations::force_code.eq(force))
                .filter(crime_cancellations::approved.is_null());
            crate::keyset!(
                q,
                paging,
                asc(crime_cancellations::requested_at, crime_cancellations::id)
            )
            .load(conn)?
        }
    })
}

/// Which cancellation requests [`cancellation_rows`] reads.
pub(super) enum Cancellations<'a> {
    /// Every request on one crime, oldest first.
    OfCrime(&'a str),
    /// One request by id.
    One(&'a str),
    /// A page of a force's requests still waiting for the registrar, oldest first.
    PendingOf(&'a str, &'a Paging),
}

pub(super) fn cancellation_dtos(
    conn: &mut AnyConnection,
    rows: Vec<CancellationRow>,
) -> Result<Vec<CancellationDto>, ApiError> {
    let mut people: Vec<String> = rows.iter().map(|r| r.4.clone()).collect();
    people.extend(rows.iter().filter_map(|r| r.8.clone()));
    let refs = user_refs(conn, &people)?;
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                crime_id,
                reason,
                additional_information,
                by,
                at,
                approved,
                comment,
                decided_by,
                decided_at,
            )| {
                CancellationDto {
                    id: uuid(&id),
                    crime_id: uuid(&crime_id),
                    request: CancellationRequest {
                        reason,
                        additional_information,
                    },
                    requested_by: user_ref(&refs, &by),
                    requested_at: utc(at),
                    approved,
                    comment,
                    decided_by: decided_by.as_deref().map(|u| user_ref(&refs, u)),
                    decided_at: decided_at.map(utc),
                }
            },
        )
        .collect())
}

// ----------------------------------------------------------------------------------------------
// Incidents

pub(super) fn incident_dto(
    conn: &mut AnyConnection,
    vis: &Visibility,
    reference: &Reference,
    today: NaiveDate,
    row: &IncidentRow,
) -> Result<IncidentDto, ApiError> {
    let location = match &row.location_id {
        Some(l) => link_service::visible_record(
            conn,
            vis,
            reference,
            today,
            &RecordRef {
                kind: RecordKind::Location,
                id: uuid(l),
            },
        )?
        .map(|ix| ix.summary),
        None => None,
    };
    Ok(IncidentDto {
        id: uuid(&row.id),
        reference: row.reference.clone(),
        incident: IncidentInput {
            channel: row.channel.clone(),
            opening_category: row.opening_category.clone(),
            qualifiers: list(&row.qualifiers),
            summary: row.summary.clone(),
            reported_at: Some(utc(row.reported_at)),
            location_id: row.location_id.as_deref().map(uuid),
        },
        closing_category: row.closing_category.clone(),
        decision: match row.decision.as_deref() {
            Some("crime_recorded") => Some(NcrsDecision::CrimeRecorded),
            Some("no_crime") => Some(NcrsDecision::NoCrime),
            _ => None,
        },
        no_crime_rationale: row.no_crime_rationale.clone(),
        crime_id: row.crime_id.as_deref().map(uuid),
        clock: RecordingClock::new(utc(row.reported_at), row.decided_at.map(utc), Utc::now()),
        location,
        meta: RecordMeta {
            force: ForceCode(row.force_code.clone()),
            restriction: Restriction::default(),
            version: row.version,
            created_at: utc(row.created_at),
            updated_at: utc(row.updated_at),
        },
    })
}
