//! `/tasks`, `/my-work` and `/drafts`.

use crate::error::ApiError;
use crate::http;
use crate::investigation::tasks as svc;
use crate::kernel::auth::Caller;
use crate::startup::AppState;
use actix_web::{web, HttpResponse};
use bluelamp_shared::error::Problem;
use bluelamp_shared::investigation::tasks::{
    CompleteTaskRequest, CreateTaskRequest, DraftDto, MyWork, SaveDraftRequest, TaskDto,
};
use bluelamp_shared::paging::{Page, PageQuery};

/// Set a task (action) on a crime; assigned to the officer in charge unless someone is named.
#[utoipa::path(
    post, path = "/api/v1/crimes/{id}/tasks", operation_id = "crimes_add_task", tag = "tasks",
    security(("bearer" = [])), request_body = CreateTaskRequest, params(("id" = String, Path, description = "Crime id")),
    responses(
        (status = 201, description = "Set", body = TaskDto),
        (status = 404, description = "No such crime available to you", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: crate::http::Json<CreateTaskRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "crime")?;
    Ok(HttpResponse::Created().json(svc::create(&state.db, &caller, id, body.into_inner()).await?))
}

/// Complete a task with its result.
#[utoipa::path(
    post, path = "/api/v1/tasks/{id}/completion", operation_id = "tasks_complete", tag = "tasks",
    security(("bearer" = [])), request_body = CompleteTaskRequest, params(("id" = String, Path, description = "Task id")),
    responses(
        (status = 200, description = "Completed", body = TaskDto),
        (status = 403, description = "Not your task", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task available to you", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already complete", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Result missing", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn complete(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: crate::http::Json<CompleteTaskRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "task")?;
    Ok(HttpResponse::Ok().json(svc::complete(&state.db, &caller, id, body.into_inner()).await?))
}

/// Everything waiting for you, due first: tasks, returned crimes, reviews, recording decisions,
/// cancellations to decide.
#[utoipa::path(
    get, path = "/api/v1/my-work", operation_id = "my_work", tag = "tasks",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Your work, due first", body = MyWork),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn my_work(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(svc::my_work(&state.db, &caller).await?))
}

/// Your saved drafts, newest first.
#[utoipa::path(
    get, path = "/api/v1/drafts", operation_id = "drafts_list", tag = "tasks",
    security(("bearer" = [])), params(PageQuery),
    responses(
        (status = 200, description = "A page of your drafts, newest first", body = Page<DraftDto>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A `limit` out of range or a `cursor` this server did not issue", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn drafts(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(svc::drafts(&state.db, &caller, q.into_inner()).await?))
}

/// Save a draft under an id the app chose (created the first time; saving again replaces it).
#[utoipa::path(
    put, path = "/api/v1/drafts/{id}", operation_id = "drafts_save", tag = "tasks",
    security(("bearer" = [])), request_body = SaveDraftRequest, params(("id" = String, Path, description = "Draft id (a UUID the app chose)")),
    responses(
        (status = 200, description = "Saved", body = DraftDto),
        (status = 404, description = "Another user's draft", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Form missing or draft too large", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn save_draft(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: crate::http::Json<SaveDraftRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "draft")?;
    Ok(HttpResponse::Ok().json(svc::save_draft(&state.db, &caller, id, body.into_inner()).await?))
}

/// Delete one of your drafts.
#[utoipa::path(
    delete, path = "/api/v1/drafts/{id}", operation_id = "drafts_delete", tag = "tasks",
    security(("bearer" = [])), params(("id" = String, Path, description = "Draft id")),
    responses(
        (status = 204, description = "Deleted (or there was nothing to delete)"),
        (status = 404, description = "Not a draft id", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn delete_draft(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "draft")?;
    svc::delete_draft(&state.db, &caller, id).await?;
    Ok(HttpResponse::NoContent().finish())
}
