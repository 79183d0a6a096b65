//! The Investigation module's calls: incidents, crimes and their workflow, attachments, victims,
//! the plan and log and the retail-theft path (tasks, "my work" and drafts are in
//! [`super::tasks`]).

use super::{decode, url, ApiError, AuthClient};
use bluelamp_shared::investigation::tasks::TaskDto;
use bluelamp_shared::investigation::victims::{
    ContactInput, DashRequest, UpdateEventRequest, VictimCare, VictimDto,
};
use bluelamp_shared::investigation::{
    AddExhibitRequest, AddLogEntry, AddPartyRequest, AddPropertyRequest, CancellationDecision,
    CancellationDto, CancellationRequest, CloseIncidentRequest, CreateCrimeRequest, CrimeDto, CrimeInput,
    CrimeState, CrimeSummary, ExhibitDto, IncidentDto, IncidentInput, LogEntryDto, MoveExhibitRequest,
    NoCrimeRequest, ReclassifyRequest, RetailTheftRequest, TransitionRequest,
};
use bluelamp_shared::IDEMPOTENCY_KEY_HEADER;
use gloo_net::http::Request;
use uuid::Uuid;

/// Filters of the crime queue.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CrimeFilter {
    /// Only crimes in this state.
    pub state: Option<CrimeState>,
    /// Only crimes of this unit.
    pub unit: Option<String>,
    /// Only the caller's crimes.
    pub mine: bool,
}

impl AuthClient {
    /// `GET /incidents`: open incidents awaiting the recording decision, due first.
    pub async fn incidents(&self) -> Result<Vec<IncidentDto>, ApiError> {
        self.list_items("/incidents", &[], None).await
    }

    /// `GET /incidents/{id}`.
    pub async fn incident(&self, id: Uuid) -> Result<IncidentDto, ApiError> {
        self.get_json(&format!("/incidents/{id}")).await
    }

    /// `POST /incidents` with an idempotency key.
    pub async fn create_incident(&self, input: &IncidentInput, key: &str) -> Result<IncidentDto, ApiError> {
        let path = url("/incidents");
        let resp = self
            .send(
                |b| b.json(input),
                || Request::post(&path).header(IDEMPOTENCY_KEY_HEADER, key),
            )
            .await?;
        decode(resp).await
    }

    /// `POST /incidents/{id}/no-crime`: the decision not to record, with its rationale.
    pub async fn no_crime(&self, id: Uuid, req: &NoCrimeRequest) -> Result<IncidentDto, ApiError> {
        self.post_json(&format!("/incidents/{id}/no-crime"), req).await
    }

    /// `POST /incidents/{id}/close`.
    pub async fn close_incident(
        &self,
        id: Uuid,
        req: &CloseIncidentRequest,
    ) -> Result<IncidentDto, ApiError> {
        self.post_json(&format!("/incidents/{id}/close"), req).await
    }

    /// `POST /crimes`: a draft crime.
    pub async fn create_crime(&self, req: &CreateCrimeRequest) -> Result<CrimeDto, ApiError> {
        self.post_json("/crimes", req).await
    }

    /// `GET /crimes` with filters.
    pub async fn crimes(&self, f: &CrimeFilter) -> Result<Vec<CrimeSummary>, ApiError> {
        let mut q: Vec<(&str, &str)> = Vec::new();
        if let Some(s) = f.state {
            q.push(("state", s.as_str()));
        }
        if let Some(u) = f.unit.as_deref() {
            q.push(("unit", u));
        }
        if f.mine {
            q.push(("mine", "true"));
        }
        self.list_items("/crimes", &q, None).await
    }

    /// `GET /crimes/{id}` (its version is `meta.version`, the `ETag`).
    pub async fn crime(&self, id: Uuid) -> Result<CrimeDto, ApiError> {
        self.get_json(&format!("/crimes/{id}")).await
    }

    /// `PUT /crimes/{id}` with `If-Match`.
    pub async fn update_crime(
        &self,
        id: Uuid,
        input: &CrimeInput,
        version: i64,
    ) -> Result<CrimeDto, ApiError> {
        self.write_if_match(true, &format!("/crimes/{id}"), input, version)
            .await
    }

    /// `POST /crimes/{id}/transitions` with `If-Match`.
    pub async fn transition(
        &self,
        id: Uuid,
        req: &TransitionRequest,
        version: i64,
    ) -> Result<CrimeDto, ApiError> {
        self.write_if_match(false, &format!("/crimes/{id}/transitions"), req, version)
            .await
    }

    /// `POST /crimes/{id}/parties`.
    pub async fn add_party(&self, id: Uuid, req: &AddPartyRequest) -> Result<CrimeDto, ApiError> {
        self.post_json(&format!("/crimes/{id}/parties"), req).await
    }

    /// `POST /crimes/{id}/property`.
    pub async fn add_property(&self, id: Uuid, req: &AddPropertyRequest) -> Result<CrimeDto, ApiError> {
        self.post_json(&format!("/crimes/{id}/property"), req).await
    }

    /// `POST /crimes/{id}/exhibits`.
    pub async fn add_exhibit(&self, id: Uuid, req: &AddExhibitRequest) -> Result<CrimeDto, ApiError> {
        self.post_json(&format!("/crimes/{id}/exhibits"), req).await
    }

    /// `POST /exhibits/{id}/movements`: a link in the chain of continuity.
    pub async fn move_exhibit(&self, id: Uuid, req: &MoveExhibitRequest) -> Result<ExhibitDto, ApiError> {
        self.post_json(&format!("/exhibits/{id}/movements"), req).await
    }

    /// `POST /crimes/{id}/reclassifications`.
    pub async fn reclassify(&self, id: Uuid, req: &ReclassifyRequest) -> Result<CrimeDto, ApiError> {
        self.post_json(&format!("/crimes/{id}/reclassifications"), req)
            .await
    }

    /// `POST /crimes/{id}/cancellations`: asks the force crime registrar to cancel the crime.
    pub async fn request_cancellation(
        &self,
        id: Uuid,
        req: &CancellationRequest,
    ) -> Result<CancellationDto, ApiError> {
        self.post_json(&format!("/crimes/{id}/cancellations"), req).await
    }

    /// `GET /cancellations`: requests pending the registrar's decision.
    pub async fn cancellations(&self) -> Result<Vec<CancellationDto>, ApiError> {
        self.list_items("/cancellations", &[], None).await
    }

    /// `POST /cancellations/{id}/decision`.
    pub async fn decide_cancellation(
        &self,
        id: Uuid,
        req: &CancellationDecision,
    ) -> Result<CancellationDto, ApiError> {
        self.post_json(&format!("/cancellations/{id}/decision"), req)
            .await
    }

    /// `POST /crimes/{id}/log`: a plan or log entry.
    pub async fn add_log(&self, id: Uuid, req: &AddLogEntry) -> Result<LogEntryDto, ApiError> {
        self.post_json(&format!("/crimes/{id}/log"), req).await
    }

    /// `POST /crimes/{id}/victim-updates`: an event victims must be told about (makes deadline tasks).
    pub async fn victim_update(&self, id: Uuid, req: &UpdateEventRequest) -> Result<Vec<TaskDto>, ApiError> {
        self.post_json(&format!("/crimes/{id}/victim-updates"), req).await
    }

    /// `PUT /victims/{id}` with `If-Match` (the victim's version).
    pub async fn update_victim(
        &self,
        id: Uuid,
        care: &VictimCare,
        version: i64,
    ) -> Result<VictimDto, ApiError> {
        self.write_if_match(true, &format!("/victims/{id}"), care, version)
            .await
    }

    /// `POST /victims/{id}/contacts`: the contact log.
    pub async fn add_contact(&self, id: Uuid, req: &ContactInput) -> Result<VictimDto, ApiError> {
        self.post_json(&format!("/victims/{id}/contacts"), req).await
    }

    /// `POST /victims/{id}/referral`: sends the referral to victim services.
    pub async fn send_referral(&self, id: Uuid) -> Result<VictimDto, ApiError> {
        let path = url(&format!("/victims/{id}/referral"));
        let resp = self.send(|b| b.build(), || Request::post(&path)).await?;
        decode(resp).await
    }

    /// `POST /victims/{id}/dash`: a DASH risk assessment.
    pub async fn dash(&self, id: Uuid, req: &DashRequest) -> Result<VictimDto, ApiError> {
        self.post_json(&format!("/victims/{id}/dash"), req).await
    }

    /// `POST /retail-thefts`: records and allocates a shoplifting in one go. `key` (the draft's id)
    /// makes a repeated submit answer the same crime.
    pub async fn retail_theft(&self, req: &RetailTheftRequest, key: &str) -> Result<CrimeDto, ApiError> {
        let path = url("/retail-thefts");
        let resp = self
            .send(
                |b| b.json(req),
                || Request::post(&path).header(IDEMPOTENCY_KEY_HEADER, key),
            )
            .await?;
        decode(resp).await
    }
}
