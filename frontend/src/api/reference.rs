//! The reference lists' calls: every list with its edition in force, one list with every value it
//! has had, applying a newer edition (consortium administrators) and a force's own values (force
//! administrators). A list's `ETag` is its `revision`, sent back as `If-Match` on a change.

use super::{decode, etag, url, ApiError, AuthClient};
use bluelamp_shared::reference::lists::{
    NewLocalValue, ReferenceListDetail, ReferenceListEdition, ReferenceListSummary,
};
use bluelamp_shared::IDEMPOTENCY_KEY_HEADER;
use gloo_net::http::Request;

/// `/reference-data/lists/{list}` with the list's name encoded for the path.
fn list_path(list: &str) -> String {
    format!(
        "/reference-data/lists/{}",
        String::from(js_sys::encode_uri_component(list))
    )
}

impl AuthClient {
    /// `GET /reference-data/lists`: every list with its edition in force (source, version, how many
    /// values are active and retired).
    pub async fn reference_lists(&self) -> Result<Vec<ReferenceListSummary>, ApiError> {
        self.get_json("/reference-data/lists").await
    }

    /// `GET /reference-data/lists/{list}`: the list with every value it has had, national and each
    /// force's own, active and retired.
    pub async fn reference_list(&self, list: &str) -> Result<ReferenceListDetail, ApiError> {
        self.get_json(&list_path(list)).await
    }

    /// `PUT /reference-data/lists/{list}` with `If-Match` for the list at `revision` (the one shown):
    /// applies a newer edition. A 422 names every fault of the edition (`values.<index>.<field>`).
    pub async fn apply_edition(
        &self,
        list: &str,
        edition: &ReferenceListEdition,
        revision: i64,
    ) -> Result<ReferenceListDetail, ApiError> {
        self.write_if_match(true, &list_path(list), edition, revision)
            .await
    }

    /// `POST /reference-data/lists/{list}/local-values` with an idempotency key: adds a value of the
    /// user's own force (stored as `<FORCE>:<code>`); answers the list as it now is.
    pub async fn add_local_value(
        &self,
        list: &str,
        value: &NewLocalValue,
        idempotency_key: &str,
    ) -> Result<ReferenceListDetail, ApiError> {
        let path = url(&format!("{}/local-values", list_path(list)));
        let resp = self
            .send(
                |b| b.json(value),
                || Request::post(&path).header(IDEMPOTENCY_KEY_HEADER, idempotency_key),
            )
            .await?;
        decode(resp).await
    }

    /// `POST /reference-data/lists/{list}/local-values/{code}/retire` with `If-Match` for the list at
    /// `revision`: retires one of the force's own values (`code` as stored, `NS:shopwatch`).
    pub async fn retire_local_value(
        &self,
        list: &str,
        code: &str,
        revision: i64,
    ) -> Result<ReferenceListDetail, ApiError> {
        let path = url(&format!(
            "{}/local-values/{}/retire",
            list_path(list),
            String::from(js_sys::encode_uri_component(code))
        ));
        let tag = etag(revision);
        let resp = self
            .send(|b| b.build(), || Request::post(&path).header("If-Match", &tag))
            .await?;
        decode(resp).await
    }
}
