//! The Case module's calls: witness statements and the unused-material register of a crime, case
//! files (documents, certification, submission, the PDF bundle) and the CPS partner interface.

use super::{decode, error_from, etag, url, ApiError, AuthClient};
use bluelamp_shared::case::{
    CaseFileDto, CaseFileSummary, CertifyRequest, CpsCaseFile, CreateCaseFileRequest, DecisionRequest,
    DocumentContent, StatementDto, StatementRequest, UnusedMaterialDto, UnusedMaterialRequest,
    UpdateCaseFileRequest,
};
use bluelamp_shared::IDEMPOTENCY_KEY_HEADER;
use gloo_net::http::Request;
use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;

/// `/case-files`.
const FILES: &str = "/case-files";
/// `/cps/case-files`.
const CPS_FILES: &str = "/cps/case-files";

impl AuthClient {
    /// `POST` with a JSON body and, when given, an `Idempotency-Key`.
    async fn case_post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        key: Option<&str>,
    ) -> Result<T, ApiError> {
        let path = url(path);
        let resp = self
            .send(
                |b| b.json(body),
                || match key {
                    Some(k) => Request::post(&path).header(IDEMPOTENCY_KEY_HEADER, k),
                    None => Request::post(&path),
                },
            )
            .await?;
        decode(resp).await
    }

    /// `GET` of a PDF: its bytes (a plain link cannot carry the bearer token).
    async fn case_pdf(&self, path: &str) -> Result<Vec<u8>, ApiError> {
        let path = url(path);
        let resp = self
            .send(
                |b| b.build(),
                || Request::get(&path).header("Accept", "application/pdf"),
            )
            .await?;
        if resp.ok() {
            resp.binary().await.map_err(|e| ApiError::Decode(e.to_string()))
        } else {
            Err(error_from(resp).await)
        }
    }

    /// `POST /crimes/{id}/statements` with an idempotency key: a witness statement (MG11) or a
    /// victim personal statement.
    pub async fn add_statement(
        &self,
        crime: Uuid,
        req: &StatementRequest,
        key: &str,
    ) -> Result<StatementDto, ApiError> {
        self.case_post(&format!("/crimes/{crime}/statements"), req, Some(key))
            .await
    }

    /// `POST /crimes/{id}/unused-material` with an idempotency key: an item of the register.
    pub async fn add_unused_material(
        &self,
        crime: Uuid,
        req: &UnusedMaterialRequest,
        key: &str,
    ) -> Result<UnusedMaterialDto, ApiError> {
        self.case_post(&format!("/crimes/{crime}/unused-material"), req, Some(key))
            .await
    }

    /// `POST /case-files` with an idempotency key: starts a case file on a crime.
    pub async fn create_case_file(
        &self,
        req: &CreateCaseFileRequest,
        key: &str,
    ) -> Result<CaseFileDto, ApiError> {
        self.case_post(FILES, req, Some(key)).await
    }

    /// `GET /case-files?crime_id=`: the case files of a crime.
    pub async fn case_files_of_crime(&self, crime: Uuid) -> Result<Vec<CaseFileSummary>, ApiError> {
        let crime = crime.to_string();
        self.list_items(FILES, &[("crime_id", crime.as_str())], None)
            .await
    }

    /// `GET /case-files/{id}`: the file as it stands, with what it still needs.
    pub async fn case_file(&self, id: Uuid) -> Result<CaseFileDto, ApiError> {
        self.get_json(&format!("{FILES}/{id}")).await
    }

    /// `PATCH /case-files/{id}` with `If-Match` at `version`: changes the file type.
    pub async fn update_case_file(
        &self,
        id: Uuid,
        req: &UpdateCaseFileRequest,
        version: i64,
    ) -> Result<CaseFileDto, ApiError> {
        let path = url(&format!("{FILES}/{id}"));
        let tag = etag(version);
        let resp = self
            .send(|b| b.json(req), || Request::patch(&path).header("If-Match", &tag))
            .await?;
        decode(resp).await
    }

    /// `POST /case-files/{id}/documents`: a new version of a written document.
    pub async fn save_document(&self, id: Uuid, doc: &DocumentContent) -> Result<CaseFileDto, ApiError> {
        self.case_post(&format!("{FILES}/{id}/documents"), doc, None)
            .await
    }

    /// `POST /case-files/{id}/certifications`: a supervisor certifies a document at a version.
    pub async fn certify_document(&self, id: Uuid, req: &CertifyRequest) -> Result<CaseFileDto, ApiError> {
        self.case_post(&format!("{FILES}/{id}/certifications"), req, None)
            .await
    }

    /// `POST /case-files/{id}/submissions` with an idempotency key: sends the file to the CPS
    /// (422 lists what it still needs).
    pub async fn submit_case_file(&self, id: Uuid, key: &str) -> Result<CaseFileDto, ApiError> {
        self.case_post(
            &format!("{FILES}/{id}/submissions"),
            &serde_json::json!({}),
            Some(key),
        )
        .await
    }

    /// `GET /case-files/{id}/bundle.pdf`: the MG forms of the file as it stands.
    pub async fn case_bundle(&self, id: Uuid) -> Result<Vec<u8>, ApiError> {
        self.case_pdf(&format!("{FILES}/{id}/bundle.pdf")).await
    }

    /// `GET /cps/case-files`: the files sent to the CPS, newest first.
    pub async fn cps_case_files(&self) -> Result<Vec<CaseFileSummary>, ApiError> {
        self.list_items(CPS_FILES, &[], None).await
    }

    /// `GET /cps/case-files/{id}`: the file exactly as last submitted, with the decisions.
    pub async fn cps_case_file(&self, id: Uuid) -> Result<CpsCaseFile, ApiError> {
        self.get_json(&format!("{CPS_FILES}/{id}")).await
    }

    /// `GET /cps/case-files/{id}/bundle.pdf`: the submitted file as a PDF.
    pub async fn cps_bundle(&self, id: Uuid) -> Result<Vec<u8>, ApiError> {
        self.case_pdf(&format!("{CPS_FILES}/{id}/bundle.pdf")).await
    }

    /// `POST /cps/case-files/{id}/decisions` with an idempotency key: accept, charge or return.
    pub async fn cps_decide(
        &self,
        id: Uuid,
        req: &DecisionRequest,
        key: &str,
    ) -> Result<CpsCaseFile, ApiError> {
        self.case_post(&format!("{CPS_FILES}/{id}/decisions"), req, Some(key))
            .await
    }
}
