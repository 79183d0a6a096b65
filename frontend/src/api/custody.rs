//! The Custody module's calls: a suite's board, booking in (with what is known of the person),
//! reading a custody record and appending entries to it.

use super::{decode, url, ApiError, AuthClient};
use bluelamp_shared::custody::{Board, BookInPrefill, BookInRequest, CustodyEntry, CustodyRecordDto};
use bluelamp_shared::IDEMPOTENCY_KEY_HEADER;
use gloo_net::http::Request;
use uuid::Uuid;

/// `/custody-records`.
const RECORDS: &str = "/custody-records";

impl AuthClient {
    /// `GET /custody-suites/{id}/board`: every detainee of the suite, what is due first at the top.
    pub async fn custody_board(&self, suite: Uuid) -> Result<Board, ApiError> {
        let path = url(&format!("/custody-suites/{suite}/board"));
        let resp = self.send(|b| b.build(), || Request::get(&path)).await?;
        decode(resp).await
    }

    /// `GET /custody-records/prefill?person_id=`: what is known of the person for booking in
    /// (warning markers, medication from last time, an open record if they are in custody now).
    pub async fn book_in_prefill(&self, person: Uuid) -> Result<BookInPrefill, ApiError> {
        let path = url(&format!("{RECORDS}/prefill"));
        let person = person.to_string();
        let resp = self
            .send(
                |b| b.build(),
                || Request::get(&path).query([("person_id", person.as_str())]),
            )
            .await?;
        decode(resp).await
    }

    /// `POST /custody-records` with an idempotency key, so a repeated submit books in once.
    pub async fn book_in(&self, req: &BookInRequest, key: &str) -> Result<CustodyRecordDto, ApiError> {
        let path = url(RECORDS);
        let resp = self
            .send(
                |b| b.json(req),
                || Request::post(&path).header(IDEMPOTENCY_KEY_HEADER, key),
            )
            .await?;
        decode(resp).await
    }

    /// `GET /custody-records/{id}`.
    pub async fn custody_record(&self, id: Uuid) -> Result<CustodyRecordDto, ApiError> {
        let path = url(&format!("{RECORDS}/{id}"));
        let resp = self.send(|b| b.build(), || Request::get(&path)).await?;
        decode(resp).await
    }

    /// `POST /custody-records/{id}/entries` with an idempotency key (so a retried entry is recorded
    /// once): answers the record with the entry applied.
    pub async fn add_custody_entry(
        &self,
        id: Uuid,
        entry: &CustodyEntry,
        key: &str,
    ) -> Result<CustodyRecordDto, ApiError> {
        let path = url(&format!("{RECORDS}/{id}/entries"));
        let resp = self
            .send(
                |b| b.json(entry),
                || Request::post(&path).header(IDEMPOTENCY_KEY_HEADER, key),
            )
            .await?;
        decode(resp).await
    }
}
