//! `/organisations`, `/objects`, `/locations`: the non-person records of the shared index. One macro
//! writes the three sets of handlers (they differ only in types and paths) so each is documented in the
//! OpenAPI document on its own.

macro_rules! index_record_routes {
    ($module:ident, $ty:ident, $input:ty, $dto:ty, $name:literal, $tag:literal, $collection:literal, $item:literal, [$create_id:literal, $get_id:literal, $update_id:literal], [$create_doc:literal, $get_doc:literal, $update_doc:literal]) => {
        #[doc = concat!("`", $collection, "`: ", $name, " records.")]
        pub mod $module {
            use crate::kernel::auth::Caller;
            use crate::error::ApiError;
            use crate::http;
            use crate::index::records::{self, $ty};
            use crate::startup::AppState;
            use actix_web::{web, HttpRequest, HttpResponse};
            #[allow(unused_imports)]
            use bluelamp_shared::error::Problem;
            #[allow(unused_imports)]
            use bluelamp_shared::index::{locations::*, objects::*, organisations::*};

            #[doc = concat!("Record a new ", $name, ". Every field rule is checked at once. Send an `Idempotency-Key` so a retried submit never makes a duplicate.")]
            #[utoipa::path(
                post, path = $collection, operation_id = $create_id, tag = $tag, summary = $create_doc,
                security(("bearer" = [])),
                request_body = $input,
                params(("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key (a UUID) that makes the request safe to retry")),
                responses(
                    (status = 201, description = "Created", body = $dto),
                    (status = 403, description = "Role not allowed", body = Problem, content_type = "application/problem+json"),
                    (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
                )
            )]
            #[tracing::instrument(skip_all, fields(user = %caller.username))]
            pub async fn create(state: web::Data<AppState>, caller: Caller, req: HttpRequest, body: crate::http::Json<$input>) -> Result<HttpResponse, ApiError> {
                let key = http::idempotency_key(&req)?;
                let out = records::create::<$ty>(&state.db, &caller, body.into_inner(), key, http::today()).await?;
                Ok(http::created(out, |r| format!("{}/{}", $collection, r.id), |r| r.meta.version))
            }

            #[doc = concat!("One ", $name, " with its links, if you may see it. Audited; a restricted record needs `X-Access-Purpose`.")]
            #[utoipa::path(
                get, path = $item, operation_id = $get_id, tag = $tag, summary = $get_doc,
                security(("bearer" = [])),
                params(
                    ("id" = String, Path, description = "Id"),
                    ("X-Access-Purpose" = Option<String>, Header, description = "Why you need to see a restricted record"),
                ),
                responses(
                    (status = 200, description = "The record; `ETag` carries the version", body = $dto),
                    (status = 404, description = "Not available to you", body = Problem, content_type = "application/problem+json"),
                    (status = 422, description = "Restricted: state a purpose", body = Problem, content_type = "application/problem+json"),
                )
            )]
            #[tracing::instrument(skip_all, fields(user = %caller.username))]
            pub async fn get(state: web::Data<AppState>, caller: Caller, req: HttpRequest, id: web::Path<String>) -> Result<HttpResponse, ApiError> {
                let id = http::path_uuid(&id, $name)?;
                let (dto, version) = records::get::<$ty>(&state.db, &caller, id, http::purpose(&req), http::today()).await?;
                Ok(http::ok_with_etag(&dto, version))
            }

            #[doc = concat!("Replace a ", $name, "'s fields. `If-Match` is required; a stale write is refused with 412 and `current`.")]
            #[utoipa::path(
                put, path = $item, operation_id = $update_id, tag = $tag, summary = $update_doc,
                security(("bearer" = [])),
                request_body = $input,
                params(("id" = String, Path, description = "Id"), ("If-Match" = String, Header, description = "The ETag you read")),
                responses(
                    (status = 200, description = "Updated", body = $dto),
                    (status = 404, description = "Not available to you", body = Problem, content_type = "application/problem+json"),
                    (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
                    (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
                    (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
                )
            )]
            #[tracing::instrument(skip_all, fields(user = %caller.username))]
            pub async fn update(state: web::Data<AppState>, caller: Caller, req: HttpRequest, id: web::Path<String>, body: crate::http::Json<$input>) -> Result<HttpResponse, ApiError> {
                let id = http::path_uuid(&id, $name)?;
                let version = http::if_match(&req)?;
                let (dto, v) = records::update::<$ty>(&state.db, &caller, id, version, body.into_inner(), http::today()).await?;
                Ok(http::ok_with_etag(&dto, v))
            }
        }
    };
}

index_record_routes!(
    organisations, Organisation, OrganisationInput, OrganisationDto, "organisation", "organisations",
    "/api/v1/organisations", "/api/v1/organisations/{id}",
    ["organisations_create", "organisations_get", "organisations_update"],
    [
        "Record an organisation (a shop, a school, a council): every field rule is checked at once; send an Idempotency-Key",
        "An organisation with its links, if you may see it (audited; restricted needs X-Access-Purpose)",
        "Replace an organisation's fields (If-Match required; a stale write is refused with 412 and `current`)"
    ]
);
index_record_routes!(
    objects, Object, ObjectInput, ObjectDto, "object", "objects",
    "/api/v1/objects", "/api/v1/objects/{id}",
    ["objects_create", "objects_get", "objects_update"],
    [
        "Record an object (vehicle, telephone, property, weapon, drugs, document): every field rule is checked at once; send an Idempotency-Key",
        "An object with its links, if you may see it (audited; restricted needs X-Access-Purpose)",
        "Replace an object's fields (If-Match required; a stale write is refused with 412 and `current`)"
    ]
);
index_record_routes!(
    locations, Location, LocationInput, LocationDto, "location", "locations",
    "/api/v1/locations", "/api/v1/locations/{id}",
    ["locations_create", "locations_get", "locations_update"],
    [
        "Record a location (address, point, area, no fixed abode): every field rule is checked at once; send an Idempotency-Key",
        "A location with its links, if you may see it (audited; restricted needs X-Access-Purpose)",
        "Replace a location's fields (If-Match required; a stale write is refused with 412 and `current`)"
    ]
);
