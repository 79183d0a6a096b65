//! The Intelligence module's calls: submitting reports, the evaluation queue, reading a report
//! (always with the purpose the user stated), the report workflow, searching disseminated
//! intelligence, legacy imports and the protected source register.

use super::{decode, etag, url, ApiError, AuthClient};
use bluelamp_shared::intelligence::{
    LegacyImportRequest, QueueItem, ReportDto, ReportTransition, SourceDto, SubmitReportRequest,
};
use bluelamp_shared::{IDEMPOTENCY_KEY_HEADER, PURPOSE_HEADER};
use gloo_net::http::Request;
use uuid::Uuid;

/// `/intelligence-reports`.
const REPORTS: &str = "/intelligence-reports";

impl AuthClient {
    /// `POST /intelligence-reports` with an idempotency key (the form's draft id), so a repeated
    /// submit makes one report only.
    pub async fn submit_report(&self, req: &SubmitReportRequest, key: &str) -> Result<ReportDto, ApiError> {
        let path = url(REPORTS);
        let resp = self
            .send(
                |b| b.json(req),
                || Request::post(&path).header(IDEMPOTENCY_KEY_HEADER, key),
            )
            .await?;
        decode(resp).await
    }

    /// `GET /intelligence-reports/queue`: reports waiting for the intelligence unit, by priority
    /// then age.
    pub async fn report_queue(&self) -> Result<Vec<QueueItem>, ApiError> {
        self.list_items(&format!("{REPORTS}/queue"), &[], None).await
    }

    /// `GET /intelligence-reports/{id}` with the purpose the user stated (`X-Access-Purpose`).
    pub async fn report(&self, id: Uuid, purpose: &str) -> Result<ReportDto, ApiError> {
        let path = url(&format!("{REPORTS}/{id}"));
        let resp = self
            .send(
                |b| b.build(),
                || Request::get(&path).header(PURPOSE_HEADER, purpose),
            )
            .await?;
        decode(resp).await
    }

    /// `POST /intelligence-reports/{id}/transitions` with `If-Match` (and the purpose, as the
    /// answer is the report).
    pub async fn report_transition(
        &self,
        id: Uuid,
        req: &ReportTransition,
        version: i64,
        purpose: &str,
    ) -> Result<ReportDto, ApiError> {
        let path = url(&format!("{REPORTS}/{id}/transitions"));
        let tag = etag(version);
        let resp = self
            .send(
                |b| b.json(req),
                || {
                    Request::post(&path)
                        .header("If-Match", &tag)
                        .header(PURPOSE_HEADER, purpose)
                },
            )
            .await?;
        decode(resp).await
    }

    /// `GET /intelligence?q=&subject_id=` with the purpose: the disseminated intelligence the
    /// caller may see (the server leaves out everything else, and never counts it).
    pub async fn intelligence(
        &self,
        q: Option<&str>,
        subject_id: Option<Uuid>,
        purpose: &str,
    ) -> Result<Vec<ReportDto>, ApiError> {
        let subject = subject_id.map(|s| s.to_string());
        let mut query: Vec<(&str, &str)> = Vec::new();
        if let Some(q) = q.filter(|q| !q.trim().is_empty()) {
            query.push(("q", q));
        }
        if let Some(s) = subject.as_deref() {
            query.push(("subject_id", s));
        }
        self.list_items("/intelligence", &query, Some(purpose)).await
    }

    /// `POST /intelligence-reports/legacy`: imports a report graded 5x5x5 on the old system.
    pub async fn import_legacy_report(&self, req: &LegacyImportRequest) -> Result<ReportDto, ApiError> {
        let path = url(&format!("{REPORTS}/legacy"));
        let resp = self.send(|b| b.json(req), || Request::post(&path)).await?;
        decode(resp).await
    }

    /// `GET /sources`: the protected source register (intelligence officers).
    pub async fn sources(&self) -> Result<Vec<SourceDto>, ApiError> {
        self.list_items("/sources", &[], None).await
    }

    /// `GET /sources/{id}`.
    pub async fn source(&self, id: Uuid) -> Result<SourceDto, ApiError> {
        let path = url(&format!("/sources/{id}"));
        let resp = self.send(|b| b.build(), || Request::get(&path)).await?;
        decode(resp).await
    }
}
