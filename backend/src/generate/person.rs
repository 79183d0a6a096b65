//! A person of the index: names with their search keys, dates of birth, identifiers, contacts,
//! markers, home and vehicle, written as the normal write path writes them.

use super::*;

impl Generator {
    /// Writes one name of `person_id` with its search keys.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn name(
        &mut self,
        t: &mut Tables,
        counts: &mut Counts,
        person_id: &str,
        kind: NameKind,
        forename: &str,
        middle_names: &str,
        surname: &str,
        position: i64,
        dob: NaiveDate,
    ) {
        let name_id = self.id();
        let kind = match kind {
            NameKind::Primary => "primary",
            NameKind::Alias => "alias",
            NameKind::Previous => "previous",
        };
        t.names.row(&[
            Val::S(&name_id),
            Val::S(person_id),
            Val::S(kind),
            Val::S(forename),
            Val::S(middle_names),
            Val::S(surname),
            Val::Null,
            Val::Null,
            Val::I(position),
        ]);
        counts.names += 1;
        let (norm_f, norm_s) = (names::normalise(forename), names::normalise(surname));
        for (s, p, f) in self.name_keys(forename, surname) {
            t.name_keys.row(&[
                Val::S(person_id),
                Val::S(&name_id),
                Val::S(&s),
                Val::S(&p),
                Val::S(&f),
                Val::S(&norm_f),
                Val::S(&norm_s),
                Val::D(dob),
            ]);
            counts.name_keys += 1;
        }
    }

    /// One person: their names with search keys, dates of birth, sometimes a PNC ID, phone or
    /// warning marker, their home and sometimes a vehicle; one in a hundred is a near-duplicate of
    /// a recent person. The steps draw on the random generator in the order they run here.
    pub(super) fn person(&mut self, t: &mut Tables, counts: &mut Counts) {
        // The person's id comes first, so the first id of a seed is a person's (see `peek_id`).
        let id = self.id();
        self.people_made += 1;
        if self.detainee_every > 0
            && self.detainees.len() < self.detainees_wanted
            && self.people_made.is_multiple_of(self.detainee_every)
        {
            self.detainees.push(id.clone());
        }
        let at = self.timestamp();
        let duplicate_of = if !self.recent.is_empty() && self.chance(0.01) {
            let i = self.rng.gen_range(0..self.recent.len());
            Some(self.recent[i].clone())
        } else {
            None
        };
        let who = match &duplicate_of {
            Some(o) => self.entered_again(t, counts, o, at),
            None => self.someone_new(t, counts, at),
        };
        self.person_row(t, counts, &id, &who, at);
        self.dates_of_birth(t, counts, &id, who.dob);
        self.identifiers_and_markers(t, counts, &id, who.dob);
        let moved_in = self.date_between(who.dob + Days::days(16 * 365), self.today);
        self.link(
            t,
            counts,
            who.force,
            ("person", &id),
            ("location", &who.home.id),
            "home_address",
            Some(moved_in),
            at,
        );
        if self.chance(0.4) {
            self.vehicle(t, counts, &id, who.force, at);
        }
        self.until_organisation -= 1;
        if self.until_organisation == 0 {
            self.until_organisation = PEOPLE_PER_ORGANISATION;
            self.organisation(t, counts, at);
        }
        if duplicate_of.is_none() {
            self.recent.push_back(who);
            if self.recent.len() > 5000 {
                self.recent.pop_front();
            }
        }
    }

    /// The same person entered again: a nickname or a misspelt surname, the same date of birth.
    fn entered_again(
        &mut self,
        t: &mut Tables,
        counts: &mut Counts,
        o: &Original,
        at: NaiveDateTime,
    ) -> Original {
        let nick = if self.chance(0.5) {
            self.nickname(&o.forename)
        } else {
            None
        };
        let (forename, surname) = match nick {
            Some(n) => (n, o.surname.clone()),
            None => (o.forename.clone(), self.misspell(&o.surname)),
        };
        let middle = if self.chance(0.5) {
            o.middle_names.clone()
        } else {
            String::new()
        };
        let force = if self.chance(0.7) { o.force } else { 1 - o.force };
        let home = if force == o.force && self.chance(0.6) {
            o.home.clone()
        } else {
            self.home(t, counts, force, at)
        };
        counts.near_duplicates += 1;
        Original {
            forename,
            middle_names: middle,
            surname,
            gender: o.gender,
            dob: o.dob,
            force,
            home,
        }
    }

    /// A person not in the index yet, with a new home.
    fn someone_new(&mut self, t: &mut Tables, counts: &mut Counts, at: NaiveDateTime) -> Original {
        let force = self.rng.gen_range(0..FORCES.len());
        let gender = if self.chance(0.5) { "male" } else { "female" };
        let forename = self.forename(gender);
        let middle = if self.chance(0.4) {
            self.forename(gender)
        } else {
            String::new()
        };
        let surname = self.surname();
        let dob = self.dob();
        let home = self.home(t, counts, force, at);
        Original {
            forename,
            middle_names: middle,
            surname,
            gender,
            dob,
            force,
            home,
        }
    }

    /// The person's row and primary name, and in one case in ten an alias: another surname (a
    /// maiden or assumed name), sometimes a nickname too.
    fn person_row(
        &mut self,
        t: &mut Tables,
        counts: &mut Counts,
        id: &str,
        who: &Original,
        at: NaiveDateTime,
    ) {
        let primary = PersonName {
            kind: NameKind::Primary,
            forename: who.forename.clone(),
            middle_names: who.middle_names.clone(),
            surname: who.surname.clone(),
            valid_from: None,
            valid_to: None,
        };
        t.people.row(&[
            Val::S(id),
            Val::S(FORCES[who.force]),
            Val::B(false),
            Val::S(&primary.display()),
            Val::S(who.gender),
            Val::Null,
            Val::Null,
            Val::Null,
            Val::Null,
            Val::Null,
            Val::Null,
            Val::T(at),
            Val::T(at),
            Val::I(1),
        ]);
        counts.people += 1;
        self.name(
            t,
            counts,
            id,
            NameKind::Primary,
            &who.forename,
            &who.middle_names,
            &who.surname,
            0,
            who.dob,
        );
        if self.chance(0.1) {
            let alias_forename = if self.chance(0.3) {
                self.nickname(&who.forename)
            } else {
                None
            };
            let alias_forename = alias_forename.unwrap_or_else(|| who.forename.clone());
            let alias_surname = self.surname();
            self.name(
                t,
                counts,
                id,
                NameKind::Alias,
                &alias_forename,
                "",
                &alias_surname,
                1,
                who.dob,
            );
        }
    }

    /// The date of birth, and in one case in twenty a second one: a keying error or a false one
    /// given.
    fn dates_of_birth(&mut self, t: &mut Tables, counts: &mut Counts, id: &str, dob: NaiveDate) {
        let dob_id = self.id();
        t.dobs.row(&[Val::S(&dob_id), Val::S(id), Val::D(dob)]);
        counts.dates_of_birth += 1;
        if self.chance(0.05) {
            let other = dob + Days::days(*pick(&mut self.rng, &[-365i64, 365, -1, 1, 30, -30, 10]));
            let dob2_id = self.id();
            t.dobs.row(&[Val::S(&dob2_id), Val::S(id), Val::D(other)]);
            counts.dates_of_birth += 1;
        }
    }

    /// Sometimes a PNC ID (issued between 14 and 30), a phone number and a warning marker.
    fn identifiers_and_markers(&mut self, t: &mut Tables, counts: &mut Counts, id: &str, dob: NaiveDate) {
        if self.chance(0.3) {
            let year = (dob + Days::days(self.rng.gen_range(14 * 365..30 * 365))).year();
            let pnc = self.pnc_id(year);
            let ident_id = self.id();
            t.identifiers.row(&[
                Val::S(&ident_id),
                Val::S(id),
                Val::S("pnc_id"),
                Val::S(&pnc),
                Val::S(&normalise_value("pnc_id", &pnc)),
            ]);
            counts.identifiers += 1;
        }
        if self.chance(0.5) {
            let phone = self.phone();
            let contact_id = self.id();
            t.contacts.row(&[
                Val::S(&contact_id),
                Val::S(id),
                Val::S("phone"),
                Val::S(&phone),
                Val::S(&normalise_value("phone", &phone)),
            ]);
            counts.contacts += 1;
        }
        if self.chance(0.03) {
            let code = *pick(&mut self.rng, MARKERS);
            let set_on = self.date_between(self.today - Days::days(10 * 365), self.today);
            let marker_id = self.id();
            t.markers.row(&[
                Val::S(&marker_id),
                Val::S(id),
                Val::S(code),
                Val::D(set_on),
                Val::Null,
                Val::OptS(None),
            ]);
            counts.markers += 1;
        }
    }

    /// A vehicle the person is the registered keeper of.
    fn vehicle(&mut self, t: &mut Tables, counts: &mut Counts, id: &str, force: usize, at: NaiveDateTime) {
        let (make, models) = *pick(&mut self.rng, VEHICLES);
        let model = *pick(&mut self.rng, models);
        let colour = *pick(&mut self.rng, COLOURS);
        let vrm = self.vrm();
        let object_id = self.id();
        t.objects.row(&[
            Val::S(&object_id),
            Val::S(FORCES[force]),
            Val::B(false),
            Val::S("vehicle"),
            Val::S(""),
            Val::S(&vrm),
            Val::Null,
            Val::S(make),
            Val::S(model),
            Val::S(colour),
            Val::Null,
            Val::Null,
            Val::Null,
            Val::Null,
            Val::Null,
            Val::T(at),
            Val::T(at),
            Val::I(1),
        ]);
        t.object_keys
            .row(&[Val::S(&object_id), Val::S(&v::compact(&vrm))]);
        counts.objects += 1;
        counts.object_keys += 1;
        self.link(
            t,
            counts,
            force,
            ("person", id),
            ("object", &object_id),
            "registered_keeper_of",
            None,
            at,
        );
    }
}
