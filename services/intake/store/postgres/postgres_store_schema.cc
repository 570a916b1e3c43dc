// The intake database schema on PostgreSQL, as migrations applied in order at start-up, with the
// same version numbers and tables as the SQLite store's (sqlite/sqlite_store_schema.cc). Append a
// migration to change the schema; never edit one that has shipped.
//
// Encodings: dates DATE, times TIMESTAMPTZ (microseconds; the infinite past is '-infinity'),
// booleans BOOLEAN, enums INTEGER (their C++/proto numbers).
#include "common/store/postgres/audit_log.h"
#include "common/store/postgres/outbox.h"
#include "common/store/postgres/requests.h"
#include "services/intake/store/postgres/postgres_store.h"

namespace redress::intake {
namespace {

// Version 1: the register, complaints (narrative and state apart from the people's personal
// details), assessments, idempotency records and the outbox. Complaint sequences come from
// complaints_sequence_seq through pg::NextInsertSequence (commit order); outbox ids likewise from
// outbox_id_seq. The outbox has common/store/postgres/outbox.h's columns (claims included) but
// for the last attempt's, which version 2 adds as on SQLite.
constexpr char kSchemaV1[] = R"sql(
CREATE TABLE organisations (
  id                   TEXT PRIMARY KEY,
  display_name         TEXT NOT NULL,
  short_name           TEXT NOT NULL,
  kind                 INTEGER NOT NULL,
  jurisdiction         INTEGER NOT NULL,
  in_remit             BOOLEAN NOT NULL,
  mp_referral_required BOOLEAN NOT NULL,
  location             TEXT NOT NULL,
  version              BIGINT NOT NULL,
  create_time          TIMESTAMPTZ NOT NULL,
  update_time          TIMESTAMPTZ NOT NULL
);

CREATE SEQUENCE complaints_sequence_seq;
CREATE TABLE complaints (
  sequence                        BIGINT PRIMARY KEY,  -- order of commit
  id                              TEXT NOT NULL UNIQUE,
  state                           INTEGER NOT NULL,
  complainants_reference          TEXT NOT NULL,
  complainants_reference_override TEXT NOT NULL,
  channel                         INTEGER NOT NULL,
  confirmed_in_writing            BOOLEAN NOT NULL,
  what_went_wrong                 TEXT NOT NULL,
  injustice_claimed               TEXT NOT NULL,
  outcome_wanted                  TEXT NOT NULL,
  aware_date                      DATE,
  complained_to_organisation_date DATE,
  final_response_date             DATE,
  receive_date                    DATE NOT NULL,
  closure_reason                  INTEGER NOT NULL,
  closure_note                    TEXT NOT NULL,
  version                         BIGINT NOT NULL,
  create_time                     TIMESTAMPTZ NOT NULL,
  update_time                     TIMESTAMPTZ NOT NULL
);
CREATE INDEX complaints_by_state ON complaints (state, sequence);
CREATE INDEX complaints_by_receive_date ON complaints (receive_date, sequence);

-- The people on a complaint and their personal details, held apart from the narrative so that
-- they can be secured, exported or erased on their own.
CREATE TABLE people (
  complaint_id                  TEXT NOT NULL REFERENCES complaints (id),
  position                      INTEGER NOT NULL,
  person_id                     TEXT NOT NULL,
  role                          INTEGER NOT NULL,
  title                         TEXT NOT NULL,
  given_name                    TEXT NOT NULL,
  family_name                   TEXT NOT NULL,
  email                         TEXT NOT NULL,
  phone                         TEXT NOT NULL,
  address_line1                 TEXT,
  address_line2                 TEXT,
  address_line3                 TEXT,
  address_line4                 TEXT,
  locality                      TEXT NOT NULL,
  postal_code                   TEXT NOT NULL,
  country                       TEXT NOT NULL,
  date_of_birth                 DATE,
  relationship                  TEXT NOT NULL,
  authorised                    BOOLEAN NOT NULL,
  anonymised_reference          TEXT NOT NULL,
  anonymised_reference_override TEXT NOT NULL,
  PRIMARY KEY (complaint_id, position)
);

CREATE TABLE mp_referrals (
  complaint_id  TEXT PRIMARY KEY REFERENCES complaints (id),
  mp_name       TEXT NOT NULL,
  constituency  TEXT NOT NULL,
  referral_date DATE
);

CREATE TABLE complaint_organisations (
  complaint_id    TEXT NOT NULL REFERENCES complaints (id),
  position        INTEGER NOT NULL,
  organisation_id TEXT NOT NULL,
  PRIMARY KEY (complaint_id, position)
);
CREATE INDEX complaint_organisations_by_organisation
  ON complaint_organisations (organisation_id, complaint_id);

CREATE TABLE assessments (
  complaint_id        TEXT PRIMARY KEY REFERENCES complaints (id),
  accepted            BOOLEAN NOT NULL,
  closure_reason      INTEGER NOT NULL,
  reason              TEXT NOT NULL,
  assessor            TEXT NOT NULL,
  assessment_date     DATE NOT NULL,
  assess_time         TIMESTAMPTZ NOT NULL,
  request_id          TEXT NOT NULL,
  request_fingerprint TEXT NOT NULL
);

CREATE TABLE assessment_checks (
  complaint_id    TEXT NOT NULL REFERENCES assessments (complaint_id),
  position        INTEGER NOT NULL,
  check_kind      INTEGER NOT NULL,
  passed          BOOLEAN NOT NULL,
  reason          TEXT NOT NULL,
  overridden      BOOLEAN NOT NULL,
  override_reason TEXT NOT NULL,
  PRIMARY KEY (complaint_id, position)
);

CREATE TABLE requests (
  scope       TEXT NOT NULL,
  request_id  TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  PRIMARY KEY (scope, request_id)
);

-- Hand-offs to deliver; payload is a serialized redress.intake.v1.ComplaintAcceptedEvent and
-- order_key the complaint id.
CREATE SEQUENCE outbox_id_seq;
CREATE TABLE outbox (
  id             BIGINT PRIMARY KEY,
  handoff_key    TEXT NOT NULL UNIQUE,
  order_key      TEXT NOT NULL,
  payload        BYTEA NOT NULL,
  attempts       INTEGER NOT NULL DEFAULT 0,
  create_time    TIMESTAMPTZ NOT NULL,
  delivered_time TIMESTAMPTZ,
  claimed_by     TEXT,
  claim_expires  TIMESTAMPTZ
);
CREATE INDEX outbox_pending ON outbox (order_key, id) WHERE delivered_time IS NULL;
)sql";

// Version 2: the outbox keeps its last failed delivery attempt.
constexpr char kSchemaV2[] = R"sql(
ALTER TABLE outbox ADD COLUMN last_attempt_time TIMESTAMPTZ;
ALTER TABLE outbox ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
)sql";

// Version 3: assessment organisation by organisation, earlier assessments kept, reviews of
// assessment decisions (as SQLite's version 3).
constexpr char kSchemaV3[] = R"sql(
CREATE TABLE organisation_dates (
  complaint_id                    TEXT NOT NULL REFERENCES complaints (id),
  position                        INTEGER NOT NULL,
  organisation_id                 TEXT NOT NULL,
  complained_to_organisation_date DATE,
  final_response_date             DATE,
  PRIMARY KEY (complaint_id, position)
);

CREATE TABLE previous_assessments (
  complaint_id        TEXT NOT NULL REFERENCES complaints (id),
  number              INTEGER NOT NULL,
  accepted            BOOLEAN NOT NULL,
  closure_reason      INTEGER NOT NULL,
  reason              TEXT NOT NULL,
  assessor            TEXT NOT NULL,
  assessment_date     DATE NOT NULL,
  assess_time         TIMESTAMPTZ NOT NULL,
  request_id          TEXT NOT NULL,
  request_fingerprint TEXT NOT NULL,
  PRIMARY KEY (complaint_id, number)
);

CREATE TABLE previous_assessment_checks (
  complaint_id    TEXT NOT NULL REFERENCES complaints (id),
  number          INTEGER NOT NULL,
  position        INTEGER NOT NULL,
  check_kind      INTEGER NOT NULL,
  passed          BOOLEAN NOT NULL,
  reason          TEXT NOT NULL,
  overridden      BOOLEAN NOT NULL,
  override_reason TEXT NOT NULL,
  PRIMARY KEY (complaint_id, number, position)
);

CREATE TABLE organisation_assessments (
  complaint_id    TEXT NOT NULL REFERENCES complaints (id),
  number          INTEGER NOT NULL,
  position        INTEGER NOT NULL,
  organisation_id TEXT NOT NULL,
  accepted        BOOLEAN NOT NULL,
  closure_reason  INTEGER NOT NULL,
  reason          TEXT NOT NULL,
  PRIMARY KEY (complaint_id, number, position)
);

CREATE TABLE organisation_assessment_checks (
  complaint_id          TEXT NOT NULL REFERENCES complaints (id),
  number                INTEGER NOT NULL,
  organisation_position INTEGER NOT NULL,
  position              INTEGER NOT NULL,
  check_kind            INTEGER NOT NULL,
  passed                BOOLEAN NOT NULL,
  reason                TEXT NOT NULL,
  overridden            BOOLEAN NOT NULL,
  override_reason       TEXT NOT NULL,
  PRIMARY KEY (complaint_id, number, organisation_position, position)
);

CREATE TABLE assessment_reviews (
  complaint_id        TEXT NOT NULL REFERENCES complaints (id),
  position            INTEGER NOT NULL,
  review_id           TEXT NOT NULL,
  assessment_number   INTEGER NOT NULL,
  ground              INTEGER NOT NULL,
  explanation         TEXT NOT NULL,
  request_date        DATE NOT NULL,
  request_time        TIMESTAMPTZ NOT NULL,
  request_id          TEXT NOT NULL,
  request_fingerprint TEXT NOT NULL,
  outcome             INTEGER NOT NULL,
  outcome_reason      TEXT NOT NULL,
  reviewer            TEXT NOT NULL,
  decide_date         DATE,
  decide_time         TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (complaint_id, position)
);
)sql";

// Version 5: who owns a complaint (the submitting complainant's token subject, or empty), so a
// complainant lists and reaches only their own (docs/security.md). Complaints recorded before it
// have no owner: only staff reach them.
constexpr char kSchemaV5[] = R"sql(
ALTER TABLE complaints ADD COLUMN owner TEXT NOT NULL DEFAULT '';
CREATE INDEX complaints_by_owner ON complaints (owner, sequence);
)sql";

// Version 6: erasure by pseudonymisation (docs/privacy.md), as on SQLite. The email index is on
// ASCII lower-casing (translate), which is what NormaliseEmail does; lower() would also fold
// other letters.
constexpr char kSchemaV6[] = R"sql(
CREATE TABLE erasures (
  complaint_id TEXT PRIMARY KEY REFERENCES complaints (id),
  erase_time   TIMESTAMPTZ NOT NULL
);
CREATE INDEX people_by_email
  ON people (translate(email, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'))
  WHERE email <> '';
CREATE INDEX complaints_by_state_update ON complaints (state, update_time);
)sql";

// Version 7: each hand-off keeps the traceparent of the call that recorded it, so that its
// delivery continues that trace (common/trace_context.h). NULL for rows recorded before.
constexpr char kSchemaV7Traceparent[] = R"sql(
ALTER TABLE outbox ADD COLUMN traceparent TEXT;
)sql";

// Version 8: each complaint_organisations row carries its complaint's sequence, so that a list
// filtered on an organisation reads one page from (organisation_id, complaint_sequence), as on
// SQLite. The index on (organisation_id, complaint_id) served only that list. The audit digest of
// complaints/<id> covers every column of these rows, so the first entry of a complaint naming
// organisations after this upgrade has a before_digest computed without complaint_sequence.
constexpr char kSchemaV8OrganisationSequence[] = R"sql(
ALTER TABLE complaint_organisations ADD COLUMN complaint_sequence BIGINT;
UPDATE complaint_organisations co SET complaint_sequence = c.sequence
  FROM complaints c WHERE c.id = co.complaint_id;
ALTER TABLE complaint_organisations ALTER COLUMN complaint_sequence SET NOT NULL;
DROP INDEX complaint_organisations_by_organisation;
CREATE INDEX complaint_organisations_by_organisation_sequence
  ON complaint_organisations (organisation_id, complaint_sequence);
)sql";

}  // namespace

const std::vector<Migration>& PostgresStore::Migrations() {
  static const auto* const kMigrations =
      new std::vector<Migration>{{1, kSchemaV1},
                                 {2, kSchemaV2},
                                 {3, kSchemaV3},
                                 // Version 4: the audit log (docs/audit.md).
                                 {4, pg::kPostgresAuditLogSchema},
                                 {5, kSchemaV5},
                                 {6, kSchemaV6},
                                 {7, kSchemaV7Traceparent},
                                 {8, kSchemaV8OrganisationSequence},
                                 // Version 9: parked hand-offs (docs/reliability.md).
                                 {9, pg::kParkingColumnsSchema},
                                 // Version 10: dated idempotency records, pruned by age
                                 // (docs/reliability.md, "Growth").
                                 {10, pg::kRequestsCreateTimeSchema}};
  return *kMigrations;
}

}  // namespace redress::intake
