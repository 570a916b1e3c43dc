// The remedy database schema, as migrations applied in order at start-up. Append a migration to
// change the schema; never edit one that has shipped.
//
// Encodings: dates are ISO "YYYY-MM-DD" TEXT (NULL when unset; years 1900..9999, so text order
// is date order), times INTEGER microseconds since the Unix epoch (UTC), enums INTEGER (their
// C++/proto numbers). Text is stored as given, byte for byte. Lists are child rows keyed by
// (owner, position), position counting from 0 in the list's order.
#include "common/store/sqlite/audit_log.h"
#include "services/remedy/store/sqlite/sqlite_store.h"

namespace redress::remedy {
namespace {

// Version 1: recommendations and their follow-up, decision receipts, case summaries.
constexpr char kSchemaV1[] = R"sql(
-- One row per recommendation received from a final decision. `sequence` is the order of
-- receipt (never reused: AUTOINCREMENT), the list order and the paging key; `id` is the
-- resource id. The response, compliance evidence and decline are column groups, all NULL while
-- unset.
CREATE TABLE recommendations (
  sequence                      INTEGER PRIMARY KEY AUTOINCREMENT,
  id                            TEXT NOT NULL UNIQUE,  -- recommendations/{id}
  version                       INTEGER NOT NULL,
  investigation_id              TEXT NOT NULL,  -- investigations/{investigation_id}
  complaint                     TEXT NOT NULL,  -- complaints/{complaint} in intake
  decision_sequence             INTEGER NOT NULL,
  source_recommendation_id      TEXT NOT NULL,  -- "r1" within the investigation
  organisation_id               TEXT NOT NULL,  -- organisations/{organisation_id}
  organisation_published_name   TEXT NOT NULL,
  type                          INTEGER NOT NULL,  -- RecommendationType
  beneficiary                   INTEGER NOT NULL,
  description                   TEXT NOT NULL,
  amount_minor                  INTEGER,  -- amount_minor and currency_code NULL without amount
  currency_code                 TEXT,
  target_date                   TEXT NOT NULL,
  state                         INTEGER NOT NULL,  -- RecommendationState
  response_position             INTEGER,  -- OrganisationPosition
  response_note                 TEXT,
  response_date                 TEXT,
  compliance_action_taken       TEXT,
  compliance_completion_date    TEXT,
  compliance_evidence_reference TEXT,
  compliance_record_time        INTEGER,
  decline_reason                TEXT,
  decline_date                  TEXT,
  create_time                   INTEGER NOT NULL,
  update_time                   INTEGER NOT NULL,
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
  due_date          TEXT NOT NULL,
  take_time         INTEGER,
  PRIMARY KEY (recommendation_id, position)
) WITHOUT ROWID;

-- Moves of the target date, oldest first.
CREATE TABLE reschedules (
  recommendation_id    TEXT NOT NULL REFERENCES recommendations (id),
  position             INTEGER NOT NULL,
  previous_target_date TEXT NOT NULL,
  new_target_date      TEXT NOT NULL,
  reason               TEXT NOT NULL,
  record_time          INTEGER NOT NULL,
  PRIMARY KEY (recommendation_id, position)
) WITHOUT ROWID;

-- Received decision hand-offs, by key: what makes ReceiveDecision idempotent.
CREATE TABLE decision_receipts (
  handoff_key       TEXT PRIMARY KEY,  -- investigations/{id}/decisions/{sequence}
  investigation_id  TEXT NOT NULL,
  decision_sequence INTEGER NOT NULL,
  fingerprint       TEXT NOT NULL,  -- of the request body
  receive_time      INTEGER NOT NULL
) WITHOUT ROWID;

-- The recommendations a receipt created, in the decision's order.
CREATE TABLE decision_receipt_recommendations (
  handoff_key       TEXT NOT NULL REFERENCES decision_receipts (handoff_key),
  position          INTEGER NOT NULL,
  recommendation_id TEXT NOT NULL,
  PRIMARY KEY (handoff_key, position)
) WITHOUT ROWID;

-- Published case summary versions. `text` is the published text byte for byte; `payload` is a
-- serialized redress.remedy.v1.CaseSummary holding the structured parts (sections, jurisdiction,
-- organisations, location, complaint types, remedies, decision sequence) and nothing else.
CREATE TABLE case_summaries (
  investigation_id TEXT NOT NULL,
  version          INTEGER NOT NULL CHECK (version >= 1),
  text             TEXT NOT NULL,
  payload          BLOB NOT NULL,
  publish_time     INTEGER NOT NULL,
  PRIMARY KEY (investigation_id, version)
) WITHOUT ROWID;
)sql";

// Version 2: the anonymisation guard's issue key and caseworkers' acknowledgements of issues.
constexpr char kSchemaV2Acknowledgements[] = R"sql(
-- The secret key of the anonymisation issues' identities (HMAC-SHA256): one row, 32 random
-- bytes made with the database, so that an issue keeps its identity across restarts and
-- replicas. It never leaves the service.
CREATE TABLE anonymisation_issue_key (
  id  INTEGER PRIMARY KEY CHECK (id = 1),
  secret BLOB NOT NULL CHECK (length(secret) = 32)
);
INSERT INTO anonymisation_issue_key (id, secret) VALUES (1, randomblob(32));

-- A caseworker's acceptance of one anonymisation issue of a case summary, with their reason.
-- `issue_id` is the keyed hash of the issue (never the personal data it matched); field, kind
-- and person_role say what the issue was. `sequence` is the order recorded.
CREATE TABLE issue_acknowledgements (
  sequence         INTEGER PRIMARY KEY AUTOINCREMENT,
  investigation_id TEXT NOT NULL,  -- investigations/{investigation_id}
  issue_id         TEXT NOT NULL,
  field            TEXT NOT NULL,
  kind             TEXT NOT NULL,
  person_role      TEXT NOT NULL,
  reason           TEXT NOT NULL,
  caseworker       TEXT NOT NULL,
  acknowledge_time INTEGER NOT NULL,
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
  change_time       INTEGER NOT NULL,
  target_date       TEXT NOT NULL,
  decision_sequence INTEGER NOT NULL,
  PRIMARY KEY (recommendation_id, position)
) WITHOUT ROWID;

-- Recommendations received before this version kept no history. Theirs is what they recorded:
-- received at create_time, awaiting a response, with the target date before any reschedule;
-- then, from their last change (update_time), as they stand now. Closed states were final before
-- this version, so the day each was closed is exact; only the days of the steps in between are
-- not.
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
WHERE r.state != h.state OR r.target_date != h.target_date;
)sql";

// Version 5: who owns the complaint a recommendation comes from (handed over by investigation with
// the decision), so a complainant lists and reaches only their own recommendations
// (docs/security.md). Recommendations received before it have no owner: only staff and the
// organisation's liaison reach them.
constexpr char kSchemaV5Owner[] = R"sql(
ALTER TABLE recommendations ADD COLUMN owner TEXT NOT NULL DEFAULT '';
CREATE INDEX recommendations_by_owner ON recommendations (owner, sequence);
)sql";

// Version 6: erasure (docs/privacy.md): when each case was erased, and the lookups it needs: a
// complaint's cases, and a case's receipts (HoldsCase).
constexpr char kSchemaV6Erasures[] = R"sql(
CREATE TABLE erasures (
  investigation_id TEXT PRIMARY KEY,  -- investigations/{investigation_id}
  erase_time       INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX recommendations_by_complaint ON recommendations (complaint, sequence);
CREATE INDEX decision_receipts_by_investigation ON decision_receipts (investigation_id);
)sql";

}  // namespace

const std::vector<Migration>& SqliteStore::Migrations() {
  static const auto* const kMigrations =
      new std::vector<Migration>{{1, kSchemaV1},
                                 {2, kSchemaV2Acknowledgements},
                                 {3, kSchemaV3StateHistory},
                                 // Version 4: the audit log (docs/audit.md). A database made before
                                 // it gets an empty log that starts at the upgrade.
                                 {4, kSqliteAuditLogSchema},
                                 {5, kSchemaV5Owner},
                                 {6, kSchemaV6Erasures}};
  return *kMigrations;
}

}  // namespace redress::remedy
