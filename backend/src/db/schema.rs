//! The diesel schema, one for both backends (the migrations keep the column types aligned).

diesel::table! {
    forces (code) {
        code -> Text,
        name -> Text,
        created_at -> Timestamp,
        pnc_code -> Nullable<Text>,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        force_code -> Text,
        username -> Text,
        display_name -> Text,
        collar_number -> Text,
        rank -> Text,
        kind -> Text,
        password_hash -> Text,
        active -> Bool,
        failed_attempts -> Integer,
        locked_until -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
        totp_secret -> Nullable<Text>,
        totp_pending_secret -> Nullable<Text>,
        totp_enabled_at -> Nullable<Timestamp>,
        totp_last_step -> Nullable<BigInt>,
        partner_organisation_id -> Nullable<Text>,
        unit_id -> Nullable<Text>,
        sso_issuer -> Nullable<Text>,
        sso_subject -> Nullable<Text>,
    }
}

diesel::table! {
    identity_providers (force_code) {
        force_code -> Text,
        issuer -> Text,
        client_id -> Text,
        client_secret -> Text,
        redirect_uri -> Text,
        username_claim -> Text,
        username_domain -> Nullable<Text>,
        label -> Text,
        enabled -> Bool,
        version -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    correction_requests (id) {
        id -> Text,
        record_kind -> Text,
        record_id -> Text,
        owner_force -> Text,
        source -> Text,
        requested_by -> Text,
        requested_by_force -> Text,
        requested_at -> Timestamp,
        field -> Text,
        current_value -> Text,
        proposed_value -> Text,
        reason -> Text,
        state -> Text,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        decision_reason -> Nullable<Text>,
        version -> BigInt,
    }
}

diesel::table! {
    sso_sign_ins (state) {
        state -> Text,
        force_code -> Text,
        nonce -> Text,
        pkce_verifier -> Text,
        created_at -> Timestamp,
        user_id -> Nullable<Text>,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    force_units (id) {
        id -> Text,
        force_code -> Text,
        code -> Text,
        name -> Text,
        kind -> Text,
        station_id -> Nullable<Text>,
        active -> Bool,
        version -> BigInt,
    }
}

diesel::table! {
    partner_organisations (id) {
        id -> Text,
        code -> Text,
        name -> Text,
        kind -> Text,
        force_code -> Text,
        active -> Bool,
        created_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    user_roles (user_id, role) {
        user_id -> Text,
        role -> Text,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> Text,
        refresh_token_hash -> Text,
        created_at -> Timestamp,
        last_active_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        user_agent -> Nullable<Text>,
        mfa_enrolment_pending -> Bool,
    }
}

diesel::table! {
    spent_refresh_tokens (token_hash) {
        token_hash -> Text,
        session_id -> Text,
        spent_at -> Timestamp,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Text,
        occurred_at -> Timestamp,
        actor_user_id -> Nullable<Text>,
        actor_username -> Nullable<Text>,
        actor_force_code -> Nullable<Text>,
        action -> Text,
        record_kind -> Nullable<Text>,
        record_id -> Nullable<Text>,
        request_id -> Nullable<Text>,
        purpose -> Nullable<Text>,
        detail -> Nullable<Text>,
        record_force_code -> Nullable<Text>,
    }
}

diesel::table! {
    idempotency_keys (user_id, idempotency_key) {
        user_id -> Text,
        idempotency_key -> Text,
        request_hash -> Text,
        status_code -> Integer,
        response_body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    server_secrets (name) {
        name -> Text,
        value -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reference_codes (vocabulary, code) {
        vocabulary -> Text,
        code -> Text,
        label -> Text,
        sort_order -> Integer,
        active -> Bool,
        attributes -> Text,
        force_code -> Nullable<Text>,
    }
}

diesel::table! {
    link_reasons (code) {
        code -> Text,
        label -> Text,
        inverse_label -> Text,
        from_kind -> Text,
        to_kind -> Text,
        active -> Bool,
        sort_order -> Integer,
    }
}

diesel::table! {
    reference_lists (name) {
        name -> Text,
        title -> Text,
        source -> Text,
        version -> Text,
        force_local -> Bool,
        applied_at -> Timestamp,
        revision -> BigInt,
    }
}

diesel::table! {
    reference_list_editions (list, version) {
        list -> Text,
        version -> Text,
        source -> Text,
        content_hash -> Text,
        applied_at -> Timestamp,
        applied_by -> Nullable<Text>,
        added -> Integer,
        changed -> Integer,
        retired -> Integer,
    }
}

diesel::table! {
    name_equivalents (name, canonical) {
        name -> Text,
        canonical -> Text,
    }
}

diesel::table! {
    recovery_codes (user_id, code_hash) {
        user_id -> Text,
        code_hash -> Text,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    mfa_policies (force_code, role) {
        force_code -> Text,
        role -> Text,
    }
}

diesel::table! {
    agreements (id) {
        id -> Text,
        owner_force -> Text,
        partner_force -> Text,
        scopes -> Text,
        access -> Text,
        starts_on -> Date,
        ends_on -> Nullable<Date>,
        purpose -> Text,
        state -> Text,
        suspended_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
        intelligence_handling -> Text,
    }
}

diesel::table! {
    agreement_events (id) {
        id -> Text,
        agreement_id -> Text,
        at -> Timestamp,
        action -> Text,
        by_force -> Text,
        by_user_id -> Text,
        by_user_name -> Text,
        reason -> Nullable<Text>,
    }
}

diesel::table! {
    record_grants (record_kind, record_id, grantee_type, grantee) {
        record_kind -> Text,
        record_id -> Text,
        grantee_type -> Text,
        grantee -> Text,
    }
}

diesel::table! {
    people (id) {
        id -> Text,
        force_code -> Text,
        restricted -> Bool,
        display_name -> Text,
        gender -> Nullable<Text>,
        ethnicity -> Nullable<Text>,
        nationality -> Nullable<Text>,
        estimated_age_min -> Nullable<Integer>,
        estimated_age_max -> Nullable<Integer>,
        merged_into -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    person_names (id) {
        id -> Text,
        person_id -> Text,
        kind -> Text,
        forename -> Text,
        middle_names -> Text,
        surname -> Text,
        valid_from -> Nullable<Date>,
        valid_to -> Nullable<Date>,
        position -> Integer,
    }
}

diesel::table! {
    person_name_keys (person_id, name_id, forename_key) {
        person_id -> Text,
        name_id -> Text,
        surname_key -> Text,
        surname_prefix -> Text,
        forename_key -> Text,
        forename -> Text,
        surname -> Text,
        dob -> Nullable<Date>,
    }
}

diesel::table! {
    person_dobs (id) {
        id -> Text,
        person_id -> Text,
        dob -> Date,
    }
}

diesel::table! {
    person_identifiers (id) {
        id -> Text,
        person_id -> Text,
        kind -> Text,
        value -> Text,
        normalized -> Text,
    }
}

diesel::table! {
    person_contacts (id) {
        id -> Text,
        person_id -> Text,
        kind -> Text,
        value -> Text,
        normalized -> Text,
    }
}

diesel::table! {
    retention_assessments (record_id) {
        record_id -> Text,
        record_kind -> Text,
        force_code -> Text,
        derived_group -> Text,
        seriousness -> Text,
        derived_reason -> Text,
        override_group -> Nullable<Text>,
        override_justification -> Nullable<Text>,
        overridden_by -> Nullable<Text>,
        overridden_at -> Nullable<Timestamp>,
        review_due -> Date,
        review_reason -> Text,
        assessed_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    retention_decisions (id) {
        id -> Text,
        record_id -> Text,
        record_kind -> Text,
        force_code -> Text,
        outcome -> Text,
        nrac -> Text,
        justification -> Text,
        next_review_on -> Date,
        decided_by -> Text,
        decided_at -> Timestamp,
    }
}

diesel::table! {
    job_leases (name) {
        name -> Text,
        holder -> Nullable<Text>,
        held_until -> Nullable<Timestamp>,
        last_finished_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    person_notes (id) {
        id -> Text,
        person_id -> Text,
        force_code -> Text,
        author_id -> Text,
        text -> Text,
        written_at -> Timestamp,
    }
}

diesel::table! {
    person_markers (id) {
        id -> Text,
        person_id -> Text,
        code -> Text,
        set_on -> Date,
        expires_on -> Nullable<Date>,
        notes -> Nullable<Text>,
        set_by_force -> Nullable<Text>,
        ended_on -> Nullable<Date>,
        ended_reason -> Nullable<Text>,
        ended_by_force -> Nullable<Text>,
    }
}

diesel::table! {
    person_vulnerabilities (id) {
        id -> Text,
        person_id -> Text,
        code -> Text,
        noted_on -> Date,
        notes -> Nullable<Text>,
    }
}

diesel::table! {
    person_photos (id) {
        id -> Text,
        person_id -> Text,
        reference -> Text,
        taken_on -> Nullable<Date>,
    }
}

diesel::table! {
    organisations (id) {
        id -> Text,
        force_code -> Text,
        restricted -> Bool,
        name -> Text,
        name_key -> Text,
        kind -> Text,
        phone -> Nullable<Text>,
        email -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    objects (id) {
        id -> Text,
        force_code -> Text,
        restricted -> Bool,
        kind -> Text,
        description -> Text,
        vrm -> Nullable<Text>,
        vin -> Nullable<Text>,
        make -> Nullable<Text>,
        model -> Nullable<Text>,
        colour -> Nullable<Text>,
        phone_number -> Nullable<Text>,
        imei -> Nullable<Text>,
        serial_number -> Nullable<Text>,
        value_pence -> Nullable<BigInt>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    object_keys (key, object_id) {
        object_id -> Text,
        key -> Text,
    }
}

diesel::table! {
    locations (id) {
        id -> Text,
        force_code -> Text,
        restricted -> Bool,
        kind -> Text,
        premises -> Text,
        street -> Text,
        street_key -> Text,
        locality -> Text,
        town -> Text,
        postcode -> Text,
        postcode_key -> Text,
        uprn -> Nullable<Text>,
        latitude -> Nullable<Double>,
        longitude -> Nullable<Double>,
        description -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    links (id) {
        id -> Text,
        force_code -> Text,
        from_kind -> Text,
        from_id -> Text,
        to_kind -> Text,
        to_id -> Text,
        reason -> Text,
        valid_from -> Nullable<Date>,
        valid_to -> Nullable<Date>,
        source_kind -> Nullable<Text>,
        source_id -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    person_merges (id) {
        id -> Text,
        survivor_id -> Text,
        merged_id -> Text,
        reason -> Text,
        moved -> Text,
        merged_by -> Text,
        merged_at -> Timestamp,
        unmerged_by -> Nullable<Text>,
        unmerged_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    offences (code) {
        code -> Text,
        label -> Text,
        legislation -> Text,
        classification -> Text,
        mode_of_trial -> Text,
        active -> Bool,
        cps_referral -> Nullable<Text>,
        sort_order -> Integer,
    }
}

diesel::table! {
    outcome_types (code) {
        code -> Text,
        label -> Text,
        requires_suspect -> Bool,
        sort_order -> Integer,
        active -> Bool,
    }
}

diesel::table! {
    dash_questions (number) {
        number -> Integer,
        text -> Text,
        active -> Bool,
    }
}

diesel::table! {
    victim_update_rules (event, enhanced) {
        event -> Text,
        enhanced -> Bool,
        working_days -> Integer,
    }
}

diesel::table! {
    bank_holidays (day) {
        day -> Date,
        name -> Text,
    }
}

diesel::table! {
    reference_sequences (force_code, kind, year) {
        force_code -> Text,
        kind -> Text,
        year -> Integer,
        last_value -> BigInt,
    }
}

diesel::table! {
    incidents (id) {
        id -> Text,
        force_code -> Text,
        reference -> Text,
        channel -> Text,
        opening_category -> Text,
        qualifiers -> Text,
        summary -> Text,
        reported_at -> Timestamp,
        location_id -> Nullable<Text>,
        closing_category -> Nullable<Text>,
        decision -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        no_crime_rationale -> Nullable<Text>,
        crime_id -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    crimes (id) {
        id -> Text,
        force_code -> Text,
        restricted -> Bool,
        crn -> Nullable<Text>,
        state -> Text,
        incident_id -> Nullable<Text>,
        classification -> Nullable<Text>,
        offence -> Nullable<Text>,
        offence_from -> Nullable<Timestamp>,
        offence_to -> Nullable<Timestamp>,
        location_id -> Nullable<Text>,
        modus_operandi -> Text,
        hate_strands -> Text,
        domestic_abuse -> Bool,
        reported_at -> Timestamp,
        recorded_at -> Nullable<Timestamp>,
        officer_in_charge -> Nullable<Text>,
        unit -> Nullable<Text>,
        proposed_outcome -> Nullable<Text>,
        outcome -> Nullable<Text>,
        finalised_at -> Nullable<Timestamp>,
        returned_comments -> Nullable<Text>,
        state_since -> Timestamp,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    crime_unknown_suspects (id) {
        id -> Text,
        crime_id -> Text,
        description -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    exhibits (id) {
        id -> Text,
        crime_id -> Text,
        object_id -> Text,
        reference -> Text,
        seized_by -> Text,
        seized_at -> Timestamp,
        seized_from -> Text,
        storage -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    exhibit_movements (id) {
        id -> Text,
        exhibit_id -> Text,
        to_place -> Text,
        reason -> Text,
        moved_by -> Text,
        moved_at -> Timestamp,
    }
}

diesel::table! {
    crime_classifications (id) {
        id -> Text,
        crime_id -> Text,
        classification -> Text,
        offence -> Text,
        reason -> Text,
        changed_by -> Text,
        changed_at -> Timestamp,
    }
}

diesel::table! {
    crime_cancellations (id) {
        id -> Text,
        crime_id -> Text,
        force_code -> Text,
        reason -> Text,
        additional_information -> Text,
        requested_by -> Text,
        requested_at -> Timestamp,
        approved -> Nullable<Bool>,
        comment -> Nullable<Text>,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    crime_log (id) {
        id -> Text,
        crime_id -> Text,
        kind -> Text,
        text -> Text,
        written_by -> Text,
        written_at -> Timestamp,
    }
}

diesel::table! {
    victims (id) {
        id -> Text,
        crime_id -> Text,
        party_kind -> Text,
        party_id -> Text,
        care -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    tasks (id) {
        id -> Text,
        force_code -> Text,
        crime_id -> Text,
        kind -> Text,
        title -> Text,
        details -> Text,
        assignee -> Nullable<Text>,
        due_at -> Nullable<Timestamp>,
        completed_at -> Nullable<Timestamp>,
        result -> Nullable<Text>,
        victim_id -> Nullable<Text>,
        update_event -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    victim_contacts (id) {
        id -> Text,
        victim_id -> Text,
        at -> Timestamp,
        method -> Text,
        summary -> Text,
        update_event -> Nullable<Text>,
        contacted_by -> Text,
    }
}

diesel::table! {
    victim_referrals (id) {
        id -> Text,
        victim_id -> Text,
        status -> Text,
        payload -> Text,
        sent_by -> Text,
        sent_at -> Timestamp,
    }
}

diesel::table! {
    dash_assessments (id) {
        id -> Text,
        victim_id -> Text,
        answers -> Text,
        score -> Integer,
        scored_level -> Text,
        judgement -> Nullable<Text>,
        judgement_reason -> Nullable<Text>,
        level -> Text,
        marac_task_id -> Nullable<Text>,
        assessed_by -> Text,
        assessed_at -> Timestamp,
    }
}

diesel::table! {
    drafts (id) {
        id -> Text,
        user_id -> Text,
        form -> Text,
        label -> Text,
        data -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    intel_sources (id) {
        id -> Text,
        force_code -> Text,
        reference -> Text,
        kind -> Text,
        name -> Text,
        details -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    intel_reports (id) {
        id -> Text,
        force_code -> Text,
        reference -> Text,
        state -> Text,
        restricted -> Bool,
        original_text -> Text,
        sanitised_text -> Nullable<Text>,
        obtained_at -> Timestamp,
        obtained_where -> Text,
        source_id -> Nullable<Text>,
        priority -> Text,
        source_evaluation -> Nullable<Text>,
        assessment -> Nullable<Text>,
        handling -> Nullable<Text>,
        handling_conditions -> Nullable<Text>,
        review_date -> Nullable<Date>,
        legacy_reference -> Nullable<Text>,
        legacy_grading -> Nullable<Text>,
        questions -> Nullable<Text>,
        answers -> Nullable<Text>,
        evaluated_by -> Nullable<Text>,
        disseminated_at -> Nullable<Timestamp>,
        state_since -> Timestamp,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    grading_map (dimension, legacy_code) {
        dimension -> Text,
        legacy_code -> Text,
        mapped_code -> Text,
        conditions -> Nullable<Text>,
    }
}

diesel::table! {
    custody_suites (id) {
        id -> Text,
        force_code -> Text,
        code -> Text,
        name -> Text,
        cells -> Text,
        active -> Bool,
        station -> Nullable<Text>,
        version -> BigInt,
    }
}

diesel::table! {
    custody_risk_questions (code) {
        code -> Text,
        position -> Integer,
        text -> Text,
        level_if_yes -> Integer,
        rousing_if_yes -> Bool,
        marker_if_yes -> Nullable<Text>,
        active -> Bool,
    }
}

diesel::table! {
    custody_records (id) {
        id -> Text,
        force_code -> Text,
        number -> Text,
        suite_id -> Text,
        cell -> Nullable<Text>,
        person_id -> Text,
        crime_id -> Nullable<Text>,
        state -> Text,
        arrest -> Text,
        indictable -> Bool,
        asn -> Text,
        relevant_time -> Timestamp,
        decision -> Text,
        decided_at -> Timestamp,
        decided_by -> Text,
        decision_reason -> Text,
        self_defined_ethnicity -> Text,
        officer_defined_ethnicity -> Text,
        nationality -> Text,
        released_at -> Nullable<Timestamp>,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    custody_entries (id) {
        id -> Text,
        record_id -> Text,
        kind -> Text,
        at -> Timestamp,
        data -> Text,
        recorded_by -> Text,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    statements (id) {
        id -> Text,
        crime_id -> Text,
        force_code -> Text,
        witness_person_id -> Nullable<Text>,
        witness_name -> Text,
        officer_witness -> Bool,
        occupation -> Text,
        over_18 -> Bool,
        text -> Text,
        personal_statement -> Bool,
        made_at -> Timestamp,
        recorded_by -> Text,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    unused_material (id) {
        id -> Text,
        crime_id -> Text,
        number -> BigInt,
        description -> Text,
        location -> Text,
        sensitive -> Bool,
        sensitivity_reason -> Text,
        recorded_by -> Text,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    case_files (id) {
        id -> Text,
        force_code -> Text,
        urn -> Text,
        crime_id -> Text,
        file_type -> Text,
        state -> Text,
        cps_charges -> Text,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    case_documents (id) {
        id -> Text,
        case_file_id -> Text,
        kind -> Text,
        version -> BigInt,
        content -> Text,
        written_by -> Text,
        written_at -> Timestamp,
        certified_by -> Nullable<Text>,
        certified_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    case_submissions (id) {
        id -> Text,
        case_file_id -> Text,
        number -> BigInt,
        file_type -> Text,
        content -> Text,
        submitted_by -> Text,
        submitted_at -> Timestamp,
    }
}

diesel::table! {
    case_decisions (id) {
        id -> Text,
        case_file_id -> Text,
        submission -> BigInt,
        decision -> Text,
        charges -> Text,
        actions -> Text,
        comments -> Text,
        decided_by -> Text,
        decided_at -> Timestamp,
    }
}

diesel::joinable!(users -> forces (force_code));
diesel::joinable!(user_roles -> users (user_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(spent_refresh_tokens -> sessions (session_id));

diesel::allow_tables_to_appear_in_same_query!(
    correction_requests,
    person_notes,
    retention_assessments,
    retention_decisions,
    job_leases,
    identity_providers,
    sso_sign_ins,
    recovery_codes,
    mfa_policies,
    agreement_events,
    agreements,
    forces,
    users,
    user_roles,
    sessions,
    spent_refresh_tokens,
    audit_events,
    idempotency_keys,
    server_secrets,
    reference_codes,
    link_reasons,
    reference_lists,
    reference_list_editions,
    partner_organisations,
    force_units,
    name_equivalents,
    record_grants,
    people,
    person_names,
    person_name_keys,
    person_dobs,
    person_identifiers,
    person_contacts,
    person_markers,
    person_vulnerabilities,
    person_photos,
    organisations,
    objects,
    object_keys,
    locations,
    links,
    person_merges,
    offences,
    outcome_types,
    dash_questions,
    victim_update_rules,
    bank_holidays,
    reference_sequences,
    incidents,
    crimes,
    crime_unknown_suspects,
    exhibits,
    exhibit_movements,
    crime_classifications,
    crime_cancellations,
    crime_log,
    victims,
    tasks,
    victim_contacts,
    victim_referrals,
    dash_assessments,
    drafts,
    intel_sources,
    intel_reports,
    grading_map,
    custody_suites,
    custody_risk_questions,
    custody_records,
    custody_entries,
    statements,
    unused_material,
    case_files,
    case_documents,
    case_submissions,
    case_decisions,
);
