//! The shared index's calls: search, reference data, people (matches, create, update, merge and
//! unmerge, notes), reading any record of the index, and corrections asked of the force that owns one.

use super::{decode, url, ApiError, AuthClient};
use bluelamp_shared::index::corrections::{CorrectionDto, CreateCorrectionRequest, DecideCorrectionRequest};
use bluelamp_shared::index::people::notes::AddNoteRequest;
use bluelamp_shared::index::people::{
    CreatePersonRequest, EndMarkerRequest, MergeDto, MergeRequest, PersonDto, PersonInput, PersonMatch,
    PersonMatchQuery,
};
use bluelamp_shared::index::search::SearchResults;
use bluelamp_shared::records::RecordKind;
use bluelamp_shared::reference::ReferenceData;
use bluelamp_shared::{IDEMPOTENCY_KEY_HEADER, PURPOSE_HEADER};
use gloo_net::http::Request;
use serde::de::DeserializeOwned;
use uuid::Uuid;

impl AuthClient {
    /// `GET /search`: the one search box across the index.
    pub async fn search(
        &self,
        q: &str,
        kind: Option<RecordKind>,
        limit: u32,
    ) -> Result<SearchResults, ApiError> {
        let limit = limit.to_string();
        let resp = self
            .send(
                |b| b.build(),
                || {
                    let mut query: Vec<(&str, &str)> = vec![("q", q), ("limit", limit.as_str())];
                    if let Some(k) = kind {
                        query.push(("kind", k.as_str()));
                    }
                    Request::get(&url("/search")).query(query)
                },
            )
            .await?;
        decode(resp).await
    }

    /// `GET /reference-data`: every vocabulary and link reason.
    pub async fn reference_data(&self) -> Result<ReferenceData, ApiError> {
        let resp = self
            .send(|b| b.build(), || Request::get(&url("/reference-data")))
            .await?;
        decode(resp).await
    }

    /// `POST /people/matches`: likely existing people for one being entered.
    pub async fn person_matches(&self, q: &PersonMatchQuery) -> Result<Vec<PersonMatch>, ApiError> {
        let resp = self
            .send(|b| b.json(q), || Request::post(&url("/people/matches")))
            .await?;
        decode(resp).await
    }

    /// `POST /people` with an idempotency key, so a repeated submit creates one person only.
    pub async fn create_person(
        &self,
        req: &CreatePersonRequest,
        idempotency_key: &str,
    ) -> Result<PersonDto, ApiError> {
        let resp = self
            .send(
                |b| b.json(req),
                || Request::post(&url("/people")).header(IDEMPOTENCY_KEY_HEADER, idempotency_key),
            )
            .await?;
        decode(resp).await
    }

    /// `GET /{collection}/{id}` with the purpose for a restricted record, if one was given.
    /// Answers the record and its `ETag`.
    pub async fn record<T: DeserializeOwned>(
        &self,
        kind: RecordKind,
        id: Uuid,
        purpose: Option<&str>,
    ) -> Result<(T, Option<String>), ApiError> {
        let path = url(&format!("/{}/{id}", kind.collection()));
        let resp = self
            .send(
                |b| b.build(),
                || match purpose {
                    Some(p) => Request::get(&path).header(PURPOSE_HEADER, p),
                    None => Request::get(&path),
                },
            )
            .await?;
        let etag = resp.headers().get("etag");
        decode(resp).await.map(|r| (r, etag))
    }

    /// `PUT /people/{id}` with `If-Match`: answers the person saved and its new `ETag`.
    pub async fn update_person(
        &self,
        id: Uuid,
        input: &PersonInput,
        etag: &str,
    ) -> Result<(PersonDto, Option<String>), ApiError> {
        let path = url(&format!("/people/{id}"));
        let resp = self
            .send(|b| b.json(input), || Request::put(&path).header("If-Match", etag))
            .await?;
        let etag = resp.headers().get("etag");
        decode(resp).await.map(|r| (r, etag))
    }

    /// `POST /people/{id}/markers/{marker}/end` with `If-Match`: answers the person and its new `ETag`.
    pub async fn end_marker(
        &self,
        id: Uuid,
        marker: Uuid,
        req: &EndMarkerRequest,
        etag: &str,
    ) -> Result<(PersonDto, Option<String>), ApiError> {
        let path = url(&format!("/people/{id}/markers/{marker}/end"));
        let resp = self
            .send(|b| b.json(req), || Request::post(&path).header("If-Match", etag))
            .await?;
        let etag = resp.headers().get("etag");
        decode(resp).await.map(|r| (r, etag))
    }

    /// `POST /people/{id}/notes` with an idempotency key, so a repeated submit adds the note once
    /// only: the person as it now is (with the note), and its new `ETag`.
    pub async fn add_note(
        &self,
        id: Uuid,
        req: &AddNoteRequest,
        idempotency_key: &str,
    ) -> Result<(PersonDto, Option<String>), ApiError> {
        let path = url(&format!("/people/{id}/notes"));
        let resp = self
            .send(
                |b| b.json(req),
                || Request::post(&path).header(IDEMPOTENCY_KEY_HEADER, idempotency_key),
            )
            .await?;
        let etag = resp.headers().get("etag");
        decode(resp).await.map(|r| (r, etag))
    }

    /// `POST /people/{survivor}/merges`.
    pub async fn merge_people(&self, survivor: Uuid, req: &MergeRequest) -> Result<MergeDto, ApiError> {
        let path = url(&format!("/people/{survivor}/merges"));
        let resp = self.send(|b| b.json(req), || Request::post(&path)).await?;
        decode(resp).await
    }

    /// `POST /merges/{id}/unmerge`.
    pub async fn unmerge(&self, merge: Uuid) -> Result<MergeDto, ApiError> {
        let path = url(&format!("/merges/{merge}/unmerge"));
        let resp = self.send(|b| b.build(), || Request::post(&path)).await?;
        decode(resp).await
    }

    /// `GET /corrections?record_id=`: the corrections about a record that the user's force may see
    /// (it owns the record, or asked for them), as many as the API gives at once.
    pub async fn corrections(&self, record_id: Uuid) -> Result<Vec<CorrectionDto>, ApiError> {
        let id = record_id.to_string();
        self.list_items("/corrections", &[("record_id", id.as_str())], None)
            .await
    }

    /// `POST /corrections` with an idempotency key, so a repeated submit asks once only.
    pub async fn create_correction(
        &self,
        req: &CreateCorrectionRequest,
        idempotency_key: &str,
    ) -> Result<CorrectionDto, ApiError> {
        let resp = self
            .send(
                |b| b.json(req),
                || Request::post(&url("/corrections")).header(IDEMPOTENCY_KEY_HEADER, idempotency_key),
            )
            .await?;
        decode(resp).await
    }

    /// `POST /corrections/{id}/decision` with `If-Match` for the correction at `version` (the owning
    /// force only).
    pub async fn decide_correction(
        &self,
        id: Uuid,
        req: &DecideCorrectionRequest,
        version: i64,
    ) -> Result<CorrectionDto, ApiError> {
        self.write_if_match(false, &format!("/corrections/{id}/decision"), req, version)
            .await
    }
}
