// The remedy database schema on PostgreSQL, as migrations applied in order at start-up by
// pg::Migrate. The versions are the SQLite store's (sqlite/sqlite_store_schema.cc): each version
// here creates what that version creates there. Append a migration to change the schema; never
// edit one that has shipped.
//
// Encodings: dates are DATE, times TIMESTAMPTZ (to the microsecond; 'infinity' and '-infinity'
// for absl's infinite future and past), enums INTEGER (their C++/proto numbers, as on SQLite),
// bytes BYTEA. Text is stored as given. Lists are child rows keyed by (owner, position), position
// counting from 0 in the list's order.
//
// A `sequence` column has no default: every insert takes its value from
// pg::NextInsertSequence, which hands values out in commit order, so that a reader paging by
// sequence never passes a row that commits later (a bare nextval or BIGSERIAL would not).
#include "common/store/postgres/audit_log.h"
#include "services/remedy/store/postgres/postgres_store.h"

namespace redress::remedy {
namespace {

// Version 1: recommendations and their follow-up, decision receipts, case summaries; and the
// leases replicas share background work by, which has no SQLite counterpart (a store one process
// uses needs none) but belongs with the first schema every PostgreSQL database gets.
constexpr char kSchemaV1[] = R"sql(
-- One row per recommendation received from a final decision. `sequence` is the order of
-- receipt (commit order, never reused), the list order and the paging key; `id` is the resource
-- id. The response, compliance evidence and decline are column groups, all NULL while unset.
CREATE SEQUENCE recommendations_sequence_seq;
CREATE TABLE recommendations (
  sequence                      BIGINT PRIMARY KEY,
  id                            TEXT NOT NULL UNIQUE,  -- recommendations/{id}
  version                       BIGINT NOT NULL,
  investigation_id              TEXT NOT NULL,  -- investigations/{investigation_id}
  complaint                     TEXT NOT NULL,  -- complaints/{complaint} in intake
  decision_sequence             INTEGER NOT NULL,
  source_recommendation_id      TEXT NOT NULL,  -- "r1" within the investigation
  organisation_id               TEXT NOT NULL,  -- organisations/{organisation_id}
  organisation_published_name   TEXT NOT NULL,
  type                          INTEGER NOT NULL,  -- RecommendationType
  beneficiary                   INTEGER NOT NULL,
  description                   TEXT NOT NULL,
  amount_minor                  BIGINT,  -- amount_minor and currency_code NULL without amount
  currency_code                 TEXT,
  target_date                   DATE NOT NULL,
  state                         INTEGER NOT NULL,  -- RecommendationState
  response_position             INTEGER,  -- OrganisationPosition
  response_note                 TEXT,
  response_date                 DATE,
  compliance_action_taken       TEXT,
  compliance_completion_date    DATE,
  compliance_evidence_reference TEXT,
  compliance_record_time        TIMESTAMPTZ,
  decline_reason                TEXT,
  decline_date                  DATE,
  create_time                   TIMESTAMPTZ NOT NULL,
  update_time                   TIMESTAMPTZ NOT NULL,
  CHECK ((amount_minor IS NULL) = (currency_code IS NULL)),
  CHECK ((response_position IS NULL) = (response_note IS NULL) AND
         (response_position IS NULL) = (response_date IS NULL)),
  CHECK ((compliance_action_taken IS NULL) = (compliance_completion_date IS NULL) AND
         (compliance_action_taken IS NULL) = (compliance_evidence_reference IS NULL) AND
         (compliance_action_taken IS NULL) = (compliance_record_time IS NULL)),
  CHECK ((decline_reason IS NULL) = (decline_date IS NULL))
);
-- One index per list filter, each in sequence order within its key.
CREATE INDEX recommendations_by_organisation ON recommendations (organisation_id, sequence);
CREATE INDEX recommendations_by_investigation ON recommendations (investigation_id, sequence);
CREATE INDEX recommendations_by_state ON recommendations (state, sequence);
CREATE INDEX recommendations_by_target_date ON recommendations (target_date, sequence);

-- Follow-up steps taken, in the order taken. take_time is NULL for a step stored as planned.
CREATE TABLE follow_up_steps (
  recommendation_id TEXT NOT NULL REFERENCES recommendations (id),
  position          INTEGER NOT NULL,
  action            INTEGER NOT NULL,  -- FollowUpAction
  due_date          DATE NOT NULL,
  take_time         TIMESTAMPTZ,
  PRIMARY KEY (recommendation_id, position)
);

-- Moves of the target date, oldest first.
CREATE TABLE reschedules (
  recommendation_id    TEXT NOT NULL REFERENCES recommendations (id),
  position             INTEGER NOT NULL,
  previous_target_date DATE NOT NULL,
  new_target_date      DATE NOT NULL,
  reason               TEXT NOT NULL,
  record_time          TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (recommendation_id, position)
);

-- Received decision hand-offs, by key: what makes ReceiveDecision idempotent. The primary key
-- decides between replicas receiving the same hand-off at once: one insert wins.
CREATE TABLE decision_receipts (
  handoff_key       TEXT PRIMARY KEY,  -- investigations/{id}/decisions/{sequence}
  investigation_id  TEXT NOT NULL,
  decision_sequence INTEGER NOT NULL,
  fingerprint       TEXT NOT NULL,  -- of the request body
  receive_time      TIMESTAMPTZ NOT NULL
);

-- The recommendations a receipt created, in the decision's order.
CREATE TABLE decision_receipt_recommendations (
  handoff_key       TEXT NOT NULL REFERENCES decision_receipts (handoff_key),
  position          INTEGER NOT NULL,
  recommendation_id TEXT NOT NULL,
  PRIMARY KEY (handoff_key, position)
);

-- Published case summary versions. `text` is the published text byte for byte; `payload` is a
-- serialized redress.remedy.v1.CaseSummary holding the structured parts (sections, jurisdiction,
-- organisations, location, complaint types, remedies, decision sequence) and nothing else.
CREATE TABLE case_summaries (
  investigation_id TEXT NOT NULL,
  version          INTEGER NOT NULL CHECK (version >= 1),
  text             TEXT NOT NULL,
  payload          BYTEA NOT NULL,
  publish_time     TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (investigation_id, version)
);

-- Named leases on background work (common/store/postgres/lease.h): "follow-up" is held by the
-- replica that runs the follow-up pass. Expiry is by the database's clock.
CREATE TABLE leases (
  name    TEXT PRIMARY KEY,
  holder  TEXT NOT NULL,
  expires TIMESTAMPTZ NOT NULL
);
)sql";

// Version 2: the anonymisation guard's issue key and caseworkers' acknowledgements of issues.
// Unlike SQLite's version 2 this does not insert the key: PostgreSQL has no cryptographic random
// bytes without an extension, so the store makes them and inserts them on connecting
// (PostgresStore::Connect; the first replica's insert wins, the others read it).
constexpr char kSchemaV2Acknowledgements[] = R"sql(
-- The secret key of the anonymisation issues' identities (HMAC-SHA256): one row, 32 random
-- bytes made with the database, so that an issue keeps its identity across restarts and
-- replicas. It never leaves the service.
CREATE TABLE anonymisation_issue_key (
  id     INTEGER PRIMARY KEY CHECK (id = 1),
  secret BYTEA NOT NULL CHECK (octet_length(secret) = 32)
);

-- A caseworker's acceptance of one anonymisation issue of a case summary, with their reason.
-- `issue_id` is the keyed hash of the issue (never the personal data it matched); field, kind
-- and person_role say what the issue was. `sequence` is the order recorded.
CREATE SEQUENCE issue_acknowledgements_sequence_seq;
CREATE TABLE issue_acknowledgements (
  sequence         BIGINT PRIMARY KEY,
  investigation_id TEXT NOT NULL,  -- investigations/{investigation_id}
  issue_id         TEXT NOT NULL,
  field            TEXT NOT NULL,
  kind             TEXT NOT NULL,
  person_role      TEXT NOT NULL,
  reason           TEXT NOT NULL,
  caseworker       TEXT NOT NULL,
  acknowledge_time TIMESTAMPTZ NOT NULL,
  UNIQUE (investigation_id, issue_id)
);
)sql";

// Version 3: each recommendation's state history, so that reports answer "as at" a date and
// judge "on time" against the target date its decision set (state_history.h).
constexpr char kSchemaV3StateHistory[] = R"sql(
-- One row per change of a recommendation's state, target date or decision, oldest first: from
-- change_time on it stood in `state` with `target_date` under decision `decision_sequence`.
CREATE TABLE state_history (
  recommendation_id TEXT NOT NULL REFERENCES recommendations (id),
  position          INTEGER NOT NULL,
  state             INTEGER NOT NULL,  -- RecommendationState
  change_time       TIMESTAMPTZ NOT NULL,
  target_date       DATE NOT NULL,
  decision_sequence INTEGER NOT NULL,
  PRIMARY KEY (recommendation_id, position)
);

-- Recommendations received before this version kept no history. Theirs is what they recorded,
-- as on SQLite: received at create_time, awaiting a response, with the target date before any
-- reschedule; then, from their last change (update_time), as they stand now.
INSERT INTO state_history
  (recommendation_id, position, state, change_time, target_date, decision_sequence)
SELECT r.id, 0, 1, r.create_time,
       COALESCE((SELECT s.previous_target_date FROM reschedules s
                 WHERE s.recommendation_id = r.id AND s.position = 0), r.target_date),
       r.decision_sequence
FROM recommendations r;
INSERT INTO state_history
  (recommendation_id, position, state, change_time, target_date, decision_sequence)
SELECT r.id, 1, r.state, r.update_time, r.target_date, r.decision_sequence
FROM recommendations r JOIN state_history h ON h.recommendation_id = r.id AND h.position = 0
WHERE r.state <> h.state OR r.target_date <> h.target_date;
)sql";

// Version 5: who owns the complaint a recommendation comes from (handed over by investigation with
// the decision), so a complainant lists and reaches only their own recommendations
// (docs/security.md). Recommendations received before it have no owner: only staff and the
// organisation's liaison reach them.
constexpr char kSchemaV5Owner[] = R"sql(
ALTER TABLE recommendations ADD COLUMN owner TEXT NOT NULL DEFAULT '';
CREATE INDEX recommendations_by_owner ON recommendations (owner, sequence);
)sql";

// Version 6: erasure (docs/privacy.md), as on SQLite.
constexpr char kSchemaV6Erasures[] = R"sql(
CREATE TABLE erasures (
  investigation_id TEXT PRIMARY KEY,
  erase_time       TIMESTAMPTZ NOT NULL
);
CREATE INDEX recommendations_by_complaint ON recommendations (complaint, sequence);
CREATE INDEX decision_receipts_by_investigation ON decision_receipts (investigation_id);
)sql";

}  // namespace

const std::vector<Migration>& PostgresStore::Migrations() {
  static const auto* const kMigrations =
      new std::vector<Migration>{{1, kSchemaV1},
                                 {2, kSchemaV2Acknowledgements},
                                 {3, kSchemaV3StateHistory},
                                 // Version 4: the audit log (docs/audit.md). A database made before
                                 // it gets an empty log that starts at the upgrade.
                                 {4, pg::kPostgresAuditLogSchema},
                                 {5, kSchemaV5Owner},
                                 {6, kSchemaV6Erasures}};
  return *kMigrations;
}

}  // namespace redress::remedy
