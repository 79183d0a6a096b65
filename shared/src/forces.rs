//! Police forces of the consortium.

use crate::ids::ForceCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A police force in the consortium.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ForceDto {
    /// Short code, used in crime reference numbers and URNs.
    pub code: ForceCode,
    /// Full name.
    #[schema(example = "Northshire Constabulary")]
    pub name: String,
}
