//! Work of every module: "my work", tasks of a crime and their completion, and the autosaved
//! drafts of long forms.

use super::{decode, error_from, url, ApiError, AuthClient};
use bluelamp_shared::investigation::tasks::{
    CompleteTaskRequest, CreateTaskRequest, DraftDto, MyWork, SaveDraftRequest, TaskDto,
};
use gloo_net::http::Request;
use uuid::Uuid;

impl AuthClient {
    /// `GET /my-work`: everything waiting for the caller, due first.
    pub async fn my_work(&self) -> Result<MyWork, ApiError> {
        self.get_json("/my-work").await
    }

    /// `POST /crimes/{id}/tasks`.
    pub async fn create_task(&self, id: Uuid, req: &CreateTaskRequest) -> Result<TaskDto, ApiError> {
        self.post_json(&format!("/crimes/{id}/tasks"), req).await
    }

    /// `POST /tasks/{id}/completion`.
    pub async fn complete_task(&self, id: Uuid, req: &CompleteTaskRequest) -> Result<TaskDto, ApiError> {
        self.post_json(&format!("/tasks/{id}/completion"), req).await
    }

    /// `GET /drafts`: the caller's autosaved drafts.
    pub async fn drafts(&self) -> Result<Vec<DraftDto>, ApiError> {
        self.list_items("/drafts", &[], None).await
    }

    /// `PUT /drafts/{id}`: saves (creates or replaces) a draft.
    pub async fn save_draft(&self, id: Uuid, req: &SaveDraftRequest) -> Result<DraftDto, ApiError> {
        let path = url(&format!("/drafts/{id}"));
        let resp = self.send(|b| b.json(req), || Request::put(&path)).await?;
        decode(resp).await
    }

    /// `DELETE /drafts/{id}`.
    pub async fn delete_draft(&self, id: Uuid) -> Result<(), ApiError> {
        let path = url(&format!("/drafts/{id}"));
        let resp = self.send(|b| b.build(), || Request::delete(&path)).await?;
        if resp.ok() {
            Ok(())
        } else {
            Err(error_from(resp).await)
        }
    }
}
