// The intake database schema, as migrations applied in order at start-up. Append a migration to
// change the schema; never edit one that has shipped.
//
// Encodings: dates are ISO "YYYY-MM-DD" TEXT (NULL when unset), times INTEGER microseconds since
// the Unix epoch (UTC), enums INTEGER (their C++/proto numbers), booleans INTEGER 0/1.
#include "absl/strings/str_cat.h"
#include "common/store/sqlite/audit_log.h"
#include "common/store/sqlite/outbox_parking.h"
#include "common/store/sqlite/requests.h"
#include "services/intake/store/sqlite/sqlite_store.h"

namespace redress::intake {
namespace {

// Version 1: the register, complaints (narrative and state apart from the people's personal
// details), assessments, idempotency records and the outbox.
constexpr char kSchemaV1[] = R"sql(
CREATE TABLE organisations (
  id                   TEXT PRIMARY KEY,
  display_name         TEXT NOT NULL,
  short_name           TEXT NOT NULL,
  kind                 INTEGER NOT NULL,
  jurisdiction         INTEGER NOT NULL,
  in_remit             INTEGER NOT NULL,
  mp_referral_required INTEGER NOT NULL,
  location             TEXT NOT NULL,
  version              INTEGER NOT NULL,
  create_time          INTEGER NOT NULL,
  update_time          INTEGER NOT NULL
);

-- The complaint's narrative and state. No personal details: those are in `people`.
CREATE TABLE complaints (
  sequence                        INTEGER PRIMARY KEY AUTOINCREMENT,  -- order of recording
  id                              TEXT NOT NULL UNIQUE,
  state                           INTEGER NOT NULL,
  complainants_reference          TEXT NOT NULL,
  complainants_reference_override TEXT NOT NULL,
  channel                         INTEGER NOT NULL,
  confirmed_in_writing            INTEGER NOT NULL,
  what_went_wrong                 TEXT NOT NULL,
  injustice_claimed               TEXT NOT NULL,
  outcome_wanted                  TEXT NOT NULL,
  aware_date                      TEXT,
  complained_to_organisation_date TEXT,
  final_response_date             TEXT,
  receive_date                    TEXT NOT NULL,
  closure_reason                  INTEGER NOT NULL,
  closure_note                    TEXT NOT NULL,
  version                         INTEGER NOT NULL,
  create_time                     INTEGER NOT NULL,
  update_time                     INTEGER NOT NULL
);
CREATE INDEX complaints_by_state ON complaints (state, sequence);
CREATE INDEX complaints_by_receive_date ON complaints (receive_date, sequence);

-- The people on a complaint and their personal details, held apart from the narrative so that
-- they can be secured, exported or erased on their own.
CREATE TABLE people (
  complaint_id                  TEXT NOT NULL REFERENCES complaints (id),
  position                      INTEGER NOT NULL,  -- order on the complaint, from 0
  person_id                     TEXT NOT NULL,
  role                          INTEGER NOT NULL,
  title                         TEXT NOT NULL,
  given_name                    TEXT NOT NULL,
  family_name                   TEXT NOT NULL,
  email                         TEXT NOT NULL,
  phone                         TEXT NOT NULL,
  address_line1                 TEXT,  -- address lines in order; NULL past the last one
  address_line2                 TEXT,
  address_line3                 TEXT,
  address_line4                 TEXT,
  locality                      TEXT NOT NULL,
  postal_code                   TEXT NOT NULL,
  country                       TEXT NOT NULL,
  date_of_birth                 TEXT,
  relationship                  TEXT NOT NULL,
  authorised                    INTEGER NOT NULL,
  anonymised_reference          TEXT NOT NULL,
  anonymised_reference_override TEXT NOT NULL,
  PRIMARY KEY (complaint_id, position)
) WITHOUT ROWID;

CREATE TABLE mp_referrals (
  complaint_id  TEXT PRIMARY KEY REFERENCES complaints (id),
  mp_name       TEXT NOT NULL,
  constituency  TEXT NOT NULL,
  referral_date TEXT
) WITHOUT ROWID;

CREATE TABLE complaint_organisations (
  complaint_id    TEXT NOT NULL REFERENCES complaints (id),
  position        INTEGER NOT NULL,  -- order on the complaint, from 0
  organisation_id TEXT NOT NULL,
  PRIMARY KEY (complaint_id, position)
) WITHOUT ROWID;
CREATE INDEX complaint_organisations_by_organisation
  ON complaint_organisations (organisation_id, complaint_id);

CREATE TABLE assessments (
  complaint_id        TEXT PRIMARY KEY REFERENCES complaints (id),
  accepted            INTEGER NOT NULL,
  closure_reason      INTEGER NOT NULL,
  reason              TEXT NOT NULL,
  assessor            TEXT NOT NULL,
  assessment_date     TEXT NOT NULL,
  assess_time         INTEGER NOT NULL,
  request_id          TEXT NOT NULL,  -- the AssessComplaint request that recorded it
  request_fingerprint TEXT NOT NULL   -- and its body's fingerprint, to tell a retry from a reuse
) WITHOUT ROWID;

CREATE TABLE assessment_checks (
  complaint_id    TEXT NOT NULL REFERENCES assessments (complaint_id),
  position        INTEGER NOT NULL,  -- order in the assessment, from 0
  check_kind      INTEGER NOT NULL,  -- AssessmentCheck
  passed          INTEGER NOT NULL,
  reason          TEXT NOT NULL,
  overridden      INTEGER NOT NULL,
  override_reason TEXT NOT NULL,
  PRIMARY KEY (complaint_id, position)
) WITHOUT ROWID;

-- Idempotency records: which resource the first request with (scope, request_id) produced.
CREATE TABLE requests (
  scope       TEXT NOT NULL,
  request_id  TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  PRIMARY KEY (scope, request_id)
) WITHOUT ROWID;

-- Hand-offs to deliver; payload is a serialized redress.intake.v1.ComplaintAcceptedEvent.
CREATE TABLE outbox (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  handoff_key    TEXT NOT NULL UNIQUE,
  complaint_id   TEXT NOT NULL,
  payload        BLOB NOT NULL,
  attempts       INTEGER NOT NULL DEFAULT 0,
  create_time    INTEGER NOT NULL,
  delivered_time INTEGER
);
CREATE INDEX outbox_undelivered ON outbox (id) WHERE delivered_time IS NULL;
)sql";

// Version 2: the outbox keeps its last failed delivery attempt (the sender's retry times are in
// memory; these are for operators).
constexpr char kSchemaV2[] = R"sql(
ALTER TABLE outbox ADD COLUMN last_attempt_time INTEGER;
ALTER TABLE outbox ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
)sql";

// Version 3: a complaint assessed organisation by organisation, with each organisation's own
// dates; earlier assessments kept when a review reopens a complaint; reviews of assessment
// decisions. An assessment is identified by its number on the complaint: the earlier ones are in
// previous_assessments (1, 2, ...), and the current one (table assessments) comes next. Assessments
// recorded before this version have no organisation_assessments rows.
constexpr char kSchemaV3[] = R"sql(
CREATE TABLE organisation_dates (
  complaint_id                    TEXT NOT NULL REFERENCES complaints (id),
  position                        INTEGER NOT NULL,  -- order given, from 0
  organisation_id                 TEXT NOT NULL,
  complained_to_organisation_date TEXT,
  final_response_date             TEXT,
  PRIMARY KEY (complaint_id, position)
) WITHOUT ROWID;

CREATE TABLE previous_assessments (
  complaint_id        TEXT NOT NULL REFERENCES complaints (id),
  number              INTEGER NOT NULL,  -- 1 for the complaint's first assessment
  accepted            INTEGER NOT NULL,
  closure_reason      INTEGER NOT NULL,
  reason              TEXT NOT NULL,
  assessor            TEXT NOT NULL,
  assessment_date     TEXT NOT NULL,
  assess_time         INTEGER NOT NULL,
  request_id          TEXT NOT NULL,
  request_fingerprint TEXT NOT NULL,
  PRIMARY KEY (complaint_id, number)
) WITHOUT ROWID;

CREATE TABLE previous_assessment_checks (
  complaint_id    TEXT NOT NULL REFERENCES complaints (id),
  number          INTEGER NOT NULL,
  position        INTEGER NOT NULL,  -- order in the assessment, from 0
  check_kind      INTEGER NOT NULL,
  passed          INTEGER NOT NULL,
  reason          TEXT NOT NULL,
  overridden      INTEGER NOT NULL,
  override_reason TEXT NOT NULL,
  PRIMARY KEY (complaint_id, number, position)
) WITHOUT ROWID;

-- Each organisation's part of an assessment, current or previous (by its number).
CREATE TABLE organisation_assessments (
  complaint_id    TEXT NOT NULL REFERENCES complaints (id),
  number          INTEGER NOT NULL,
  position        INTEGER NOT NULL,  -- order on the complaint, from 0
  organisation_id TEXT NOT NULL,
  accepted        INTEGER NOT NULL,
  closure_reason  INTEGER NOT NULL,
  reason          TEXT NOT NULL,
  PRIMARY KEY (complaint_id, number, position)
) WITHOUT ROWID;

CREATE TABLE organisation_assessment_checks (
  complaint_id          TEXT NOT NULL REFERENCES complaints (id),
  number                INTEGER NOT NULL,
  organisation_position INTEGER NOT NULL,
  position              INTEGER NOT NULL,  -- order among the organisation's checks, from 0
  check_kind            INTEGER NOT NULL,
  passed                INTEGER NOT NULL,
  reason                TEXT NOT NULL,
  overridden            INTEGER NOT NULL,
  override_reason       TEXT NOT NULL,
  PRIMARY KEY (complaint_id, number, organisation_position, position)
) WITHOUT ROWID;

CREATE TABLE assessment_reviews (
  complaint_id        TEXT NOT NULL REFERENCES complaints (id),
  position            INTEGER NOT NULL,  -- order asked for, from 0
  review_id           TEXT NOT NULL,
  assessment_number   INTEGER NOT NULL,
  ground              INTEGER NOT NULL,
  explanation         TEXT NOT NULL,
  request_date        TEXT NOT NULL,
  request_time        INTEGER NOT NULL,
  request_id          TEXT NOT NULL,  -- the RequestAssessmentReview request that asked for it
  request_fingerprint TEXT NOT NULL,
  outcome             INTEGER NOT NULL,
  outcome_reason      TEXT NOT NULL,
  reviewer            TEXT NOT NULL,
  decide_date         TEXT,
  decide_time         INTEGER NOT NULL,
  PRIMARY KEY (complaint_id, position)
) WITHOUT ROWID;
)sql";

// Version 5: who owns a complaint (the submitting complainant's token subject, or empty), so a
// complainant lists and reaches only their own (docs/security.md). Complaints recorded before it
// have no owner: only staff reach them.
constexpr char kSchemaV5[] = R"sql(
ALTER TABLE complaints ADD COLUMN owner TEXT NOT NULL DEFAULT '';
CREATE INDEX complaints_by_owner ON complaints (owner, sequence);
)sql";

// Version 6: erasure by pseudonymisation (docs/privacy.md): when each complaint was erased, the
// lookup of a person's complaints by email address, and retention's scan of closed complaints.
constexpr char kSchemaV6[] = R"sql(
CREATE TABLE erasures (
  complaint_id TEXT PRIMARY KEY REFERENCES complaints (id),
  erase_time   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX people_by_email ON people (lower(email)) WHERE email <> '';
CREATE INDEX complaints_by_state_update ON complaints (state, update_time);
)sql";

// Version 7: each hand-off keeps the traceparent of the call that recorded it, so that its
// delivery continues that trace (common/trace_context.h). NULL for rows recorded before.
constexpr char kSchemaV7Traceparent[] = R"sql(
ALTER TABLE outbox ADD COLUMN traceparent TEXT;
)sql";

// Version 8: each complaint_organisations row carries its complaint's sequence, so that a list
// filtered on an organisation reads one page from (organisation_id, complaint_sequence) instead
// of sorting all the organisation's complaints (docs/performance.md, "Stored data"). The index on
// (organisation_id, complaint_id) served only that list; it goes with the old table. ALTER TABLE
// cannot add a NOT NULL column without a default, so the table is rebuilt, its sequences taken
// from complaints (foreign keys are enforced: every row has its complaint). The audit digest of
// complaints/<id> covers every column of these rows, so the first entry of a complaint naming
// organisations after this upgrade has a before_digest computed without complaint_sequence.
constexpr char kSchemaV8OrganisationSequence[] = R"sql(
CREATE TABLE complaint_organisations_v8 (
  complaint_id       TEXT NOT NULL REFERENCES complaints (id),
  position           INTEGER NOT NULL,  -- order on the complaint, from 0
  organisation_id    TEXT NOT NULL,
  complaint_sequence INTEGER NOT NULL,  -- complaints.sequence of complaint_id
  PRIMARY KEY (complaint_id, position)
) WITHOUT ROWID;
INSERT INTO complaint_organisations_v8
    (complaint_id, position, organisation_id, complaint_sequence)
  SELECT co.complaint_id, co.position, co.organisation_id, c.sequence
  FROM complaint_organisations co JOIN complaints c ON c.id = co.complaint_id;
DROP TABLE complaint_organisations;
ALTER TABLE complaint_organisations_v8 RENAME TO complaint_organisations;
CREATE INDEX complaint_organisations_by_organisation_sequence
  ON complaint_organisations (organisation_id, complaint_sequence);
)sql";

// Version 9: parked hand-offs (docs/reliability.md): when and why an entry was parked, and who
// discarded one, when and why (common/store/sqlite/outbox_parking.h).
std::string SchemaV9Parking() {
  return absl::StrCat(sqlite_outbox::kParkingColumnsSchema,
                      sqlite_outbox::ParkedIndexSql("complaint_id"));
}

}  // namespace

const std::vector<Migration>& SqliteStore::Migrations() {
  static const auto* const kMigrations =
      new std::vector<Migration>{{1, kSchemaV1},
                                 {2, kSchemaV2},
                                 {3, kSchemaV3},
                                 // Version 4: the audit log (docs/audit.md).
                                 {4, kSqliteAuditLogSchema},
                                 {5, kSchemaV5},
                                 {6, kSchemaV6},
                                 {7, kSchemaV7Traceparent},
                                 {8, kSchemaV8OrganisationSequence},
                                 {9, SchemaV9Parking()},
                                 // Version 10: dated idempotency records, pruned by age
                                 // (docs/reliability.md, "Growth").
                                 {10, kRequestsCreateTimeSchema}};
  return *kMigrations;
}

}  // namespace redress::intake
