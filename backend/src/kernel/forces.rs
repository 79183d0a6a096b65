//! `forces`.

use crate::db::schema::forces;
use crate::db::AnyConnection;
use bluelamp_shared::forces::{ForceDetailDto, ForceDto};
use bluelamp_shared::ids::ForceCode;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// A force row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = forces)]
pub struct Force {
    /// Short code.
    pub code: String,
    /// Full name.
    pub name: String,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Two-digit PNC force code.
    pub pnc_code: Option<String>,
}

impl Force {
    /// As the API shows it.
    pub fn to_dto(&self) -> ForceDto {
        ForceDto {
            code: ForceCode(self.code.clone()),
            name: self.name.clone(),
        }
    }

    /// As its administrators see it.
    pub fn to_detail(&self) -> ForceDetailDto {
        ForceDetailDto {
            code: ForceCode(self.code.clone()),
            name: self.name.clone(),
            pnc_code: self.pnc_code.clone(),
            created_at: crate::db::utc(self.created_at),
        }
    }

    /// Every force, by name.
    pub fn all(conn: &mut AnyConnection) -> QueryResult<Vec<Force>> {
        forces::table
            .order(forces::name.asc())
            .select(Force::as_select())
            .load(conn)
    }

    /// One force.
    pub fn find(conn: &mut AnyConnection, code: &str) -> QueryResult<Force> {
        forces::table.find(code).select(Force::as_select()).first(conn)
    }

    /// Inserts a force if its code is new.
    pub fn ensure(conn: &mut AnyConnection, code: &str, name: &str) -> QueryResult<()> {
        if forces::table.find(code).count().get_result::<i64>(conn)? == 0 {
            diesel::insert_into(forces::table)
                .values(Force {
                    code: code.to_owned(),
                    name: name.to_owned(),
                    created_at: crate::db::now(),
                    pnc_code: None,
                })
                .execute(conn)?;
        }
        Ok(())
    }
}
