// The investigation database schema on PostgreSQL, as migrations applied in order at start-up
// (pg::Migrate). The versions are the SQLite store's (sqlite_store_schema.cc): each one creates
// the equivalent of what the SQLite migration of that number did. Append a migration to change
// the schema; never edit one that has shipped.
//
// Encodings: dates DATE, times TIMESTAMPTZ (to the microsecond; the infinite past is
// '-infinity'), enums INTEGER (their C++/proto numbers, as on SQLite), booleans BOOLEAN, payloads
// BYTEA. Text is stored as given. Lists are child rows keyed by (investigation_id, position),
// position counting from 0 in the list's order. `sequence` and outbox ids are taken with
// pg::NextInsertSequence (commit order), never as column defaults.
#include "common/store/postgres/audit_log.h"
#include "common/store/postgres/outbox.h"
#include "common/store/postgres/requests.h"
#include "services/investigation/store/postgres/postgres_store.h"

namespace redress::investigation {
namespace {

// Version 1: investigations and their parts, idempotency records and the outbox. The `requests`
// and `outbox` tables are exactly those of common/store/postgres/requests.h and outbox.h (the
// outbox's last-attempt columns, which SQLite added in version 3, are part of that table).
constexpr char kSchemaV1[] = R"sql(
-- One row per investigation: its state, what intake handed over, and the parts that occur at
-- most once (scope, provisional view, current decision), each NULL as a group while unset.
CREATE SEQUENCE investigations_sequence_seq;
CREATE TABLE investigations (
  sequence                         BIGINT PRIMARY KEY,  -- order of opening (commit order)
  id                               TEXT NOT NULL UNIQUE,
  state                            INTEGER NOT NULL,
  caseworker                       TEXT NOT NULL,
  -- ComplaintSnapshot (its organisations are in snapshot_organisations).
  complaint                        TEXT NOT NULL,  -- complaints/{complaint} in intake
  complainants_reference           TEXT NOT NULL,
  what_went_wrong                  TEXT NOT NULL,
  injustice_claimed                TEXT NOT NULL,
  outcome_wanted                   TEXT NOT NULL,
  jurisdiction                     INTEGER NOT NULL,
  default_location                 TEXT NOT NULL,
  -- Scope; all NULL until agreed.
  scope_summary                    TEXT,
  scope_agreed_date                DATE,
  scope_timescale_working_days     INTEGER,
  scope_target_date                DATE,
  location                         TEXT NOT NULL,
  -- Provisional view; all NULL until shared. Its comments are in `comments`.
  view_share_date                  DATE,
  view_comment_period_working_days INTEGER,
  view_comment_deadline            DATE,
  -- Current final decision; all NULL until decided and while reopened.
  decision_outcome                 INTEGER,
  decision_date                    DATE,
  decision_issue_time              TIMESTAMPTZ,
  decision_sequence                INTEGER,
  version                          BIGINT NOT NULL,
  create_time                      TIMESTAMPTZ NOT NULL,
  update_time                      TIMESTAMPTZ NOT NULL,
  CHECK ((scope_summary IS NULL) = (scope_agreed_date IS NULL) AND
         (scope_summary IS NULL) = (scope_timescale_working_days IS NULL) AND
         (scope_summary IS NULL) = (scope_target_date IS NULL)),
  CHECK ((view_share_date IS NULL) = (view_comment_period_working_days IS NULL) AND
         (view_share_date IS NULL) = (view_comment_deadline IS NULL)),
  CHECK ((decision_outcome IS NULL) = (decision_date IS NULL) AND
         (decision_outcome IS NULL) = (decision_issue_time IS NULL) AND
         (decision_outcome IS NULL) = (decision_sequence IS NULL))
);
CREATE INDEX investigations_by_state ON investigations (state, sequence);
CREATE INDEX investigations_by_caseworker ON investigations (caseworker, sequence);
CREATE INDEX investigations_by_target_date ON investigations (scope_target_date, sequence);

-- The complaint's organisations as intake handed them over, with their published names (same
-- order). A NULL marks a position past the end of its list, should the two lists differ in
-- length.
CREATE TABLE snapshot_organisations (
  investigation_id TEXT NOT NULL REFERENCES investigations (id),
  position         INTEGER NOT NULL,
  organisation     TEXT,  -- organisations/{organisation}
  published_name   TEXT,
  PRIMARY KEY (investigation_id, position)
);

-- Complaint points, each with its finding (the finding_* columns NULL until recorded).
CREATE TABLE complaint_points (
  investigation_id    TEXT NOT NULL REFERENCES investigations (id),
  position            INTEGER NOT NULL,
  point_id            TEXT NOT NULL,
  description         TEXT NOT NULL,
  outcome             INTEGER NOT NULL,
  finding_failing     BOOLEAN,
  finding_injustice   BOOLEAN,
  finding_causal_link INTEGER,
  finding_reasoning   TEXT,
  finding_record_time TIMESTAMPTZ,
  PRIMARY KEY (investigation_id, position),
  CHECK ((finding_failing IS NULL) = (finding_injustice IS NULL) AND
         (finding_failing IS NULL) = (finding_causal_link IS NULL) AND
         (finding_failing IS NULL) = (finding_reasoning IS NULL) AND
         (finding_failing IS NULL) = (finding_record_time IS NULL))
);

CREATE TABLE evidence (
  investigation_id TEXT NOT NULL REFERENCES investigations (id),
  position         INTEGER NOT NULL,  -- order logged
  evidence_id      TEXT NOT NULL,
  description      TEXT NOT NULL,
  source           INTEGER NOT NULL,  -- Party
  received_date    DATE NOT NULL,
  log_time         TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (investigation_id, position)
);

-- Clock-stops. resume_state is the state the investigation returns to when resumed.
CREATE TABLE holds (
  investigation_id TEXT NOT NULL REFERENCES investigations (id),
  position         INTEGER NOT NULL,
  reason           TEXT NOT NULL,
  start_date       DATE NOT NULL,
  end_date         DATE,  -- NULL while the hold is open
  resume_state     INTEGER NOT NULL,
  PRIMARY KEY (investigation_id, position)
);

-- Findings on the organisation's complaint handling, against the Principles.
CREATE TABLE complaint_handling_findings (
  investigation_id TEXT NOT NULL REFERENCES investigations (id),
  position         INTEGER NOT NULL,
  principle        INTEGER NOT NULL,
  met              BOOLEAN NOT NULL,
  finding          TEXT NOT NULL,
  PRIMARY KEY (investigation_id, position)
);

-- Complaint types by their published labels.
CREATE TABLE complaint_types (
  investigation_id TEXT NOT NULL REFERENCES investigations (id),
  position         INTEGER NOT NULL,
  label            TEXT NOT NULL,
  PRIMARY KEY (investigation_id, position)
);

-- The organisations investigated, in the order to publish.
CREATE TABLE organisations_investigated (
  investigation_id TEXT NOT NULL REFERENCES investigations (id),
  position         INTEGER NOT NULL,
  organisation     TEXT NOT NULL,  -- organisations/{organisation}
  published_name   TEXT NOT NULL,
  PRIMARY KEY (investigation_id, position)
);
CREATE INDEX organisations_investigated_by_organisation
  ON organisations_investigated (organisation, investigation_id);

-- The case narrative, one row per paragraph, published exactly as written.
CREATE TABLE narrative_paragraphs (
  investigation_id TEXT NOT NULL REFERENCES investigations (id),
  section          TEXT NOT NULL CHECK (section IN ('introduction', 'what_happened',
                                                    'what_we_found', 'putting_it_right')),
  position         INTEGER NOT NULL,  -- within the section
  text             TEXT NOT NULL,
  PRIMARY KEY (investigation_id, section, position)
);

CREATE TABLE recommendations (
  investigation_id  TEXT NOT NULL REFERENCES investigations (id),
  position          INTEGER NOT NULL,
  recommendation_id TEXT NOT NULL,
  type              INTEGER NOT NULL,  -- RecommendationType
  beneficiary       INTEGER NOT NULL,
  description       TEXT NOT NULL,
  amount_minor      BIGINT,  -- amount_minor and currency_code NULL when there is no amount
  currency_code     TEXT,
  target_date       DATE,
  PRIMARY KEY (investigation_id, position),
  CHECK ((amount_minor IS NULL) = (currency_code IS NULL))
);

-- Comments on the provisional view, in the order logged.
CREATE TABLE comments (
  investigation_id TEXT NOT NULL REFERENCES investigations (id),
  position         INTEGER NOT NULL,
  comment_id       TEXT NOT NULL,
  party            INTEGER NOT NULL,
  text             TEXT NOT NULL,
  received_date    DATE NOT NULL,
  log_time         TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (investigation_id, position)
);

-- Earlier decisions of a reopened investigation, oldest first.
CREATE TABLE previous_decisions (
  investigation_id TEXT NOT NULL REFERENCES investigations (id),
  position         INTEGER NOT NULL,
  outcome          INTEGER NOT NULL,
  decision_date    DATE NOT NULL,
  issue_time       TIMESTAMPTZ NOT NULL,
  sequence         INTEGER NOT NULL,
  PRIMARY KEY (investigation_id, position)
);

CREATE TABLE reviews (
  investigation_id  TEXT NOT NULL REFERENCES investigations (id),
  position          INTEGER NOT NULL,  -- oldest first
  review_id         TEXT NOT NULL,
  requested_by      INTEGER NOT NULL,  -- Party
  ground            INTEGER NOT NULL,
  explanation       TEXT NOT NULL,
  request_date      DATE NOT NULL,
  outcome           INTEGER NOT NULL,  -- ReviewOutcome; 0 while under review
  outcome_reason    TEXT NOT NULL,
  decide_date       DATE,
  decision_sequence INTEGER NOT NULL,
  PRIMARY KEY (investigation_id, position)
);

-- Idempotency records (common/store/postgres/requests.h).
CREATE TABLE requests (
  scope       TEXT NOT NULL,
  request_id  TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  PRIMARY KEY (scope, request_id)
);

-- Hand-offs to deliver, claimed by replicas (common/store/postgres/outbox.h). order_key is the
-- investigation id, so each investigation's hand-offs are delivered in order; payload is the
-- serialized event (handoff_payload.h).
CREATE SEQUENCE outbox_id_seq;
CREATE TABLE outbox (
  id                BIGINT PRIMARY KEY,
  handoff_key       TEXT NOT NULL UNIQUE,
  order_key         TEXT NOT NULL,
  payload           BYTEA NOT NULL,
  attempts          INTEGER NOT NULL DEFAULT 0,
  create_time       TIMESTAMPTZ NOT NULL,  -- HandoffTime of the hand-off
  delivered_time    TIMESTAMPTZ,
  last_attempt_time TIMESTAMPTZ,
  last_error        TEXT NOT NULL DEFAULT '',
  claimed_by        TEXT,
  claim_expires     TIMESTAMPTZ
);
CREATE INDEX outbox_pending ON outbox (order_key, id) WHERE delivered_time IS NULL;
)sql";

// Version 2: the organisation that must act on each recommendation, "organisations/{organisation}"
// among organisations_investigated; '' (every row written before) means the first of them.
constexpr char kSchemaV2RecommendationOrganisation[] = R"sql(
ALTER TABLE recommendations ADD COLUMN organisation TEXT NOT NULL DEFAULT '';
)sql";

// Version 3 on SQLite added the outbox's last_attempt_time and last_error. The shared outbox table
// (outbox.h) has them from version 1 here, so this version only keeps the numbers aligned: it
// changes nothing (a statement, because an empty script is not a command).
constexpr char kSchemaV3OutboxLastAttempt[] = R"sql(
SELECT 1;
)sql";

// Version 4: revised provisional views, comments per organisation, the end of an investigation,
// and hand-offs of more than one kind; as SQLite's version 4, whose comment explains each column
// and how rows written before are filled in. The outbox's `kind` tells which event `payload` is.
constexpr char kSchemaV4ReviewsAndEndings[] = R"sql(
ALTER TABLE investigations ADD COLUMN view_revision INTEGER;
ALTER TABLE investigations ADD COLUMN view_shared_content TEXT;
UPDATE investigations SET view_revision = 1, view_shared_content = ''
  WHERE view_share_date IS NOT NULL;
ALTER TABLE investigations ADD COLUMN end_reason TEXT;
ALTER TABLE investigations ADD COLUMN end_date DATE;
ALTER TABLE investigations ADD COLUMN end_record_time TIMESTAMPTZ;

ALTER TABLE comments ADD COLUMN organisation TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN view_revision INTEGER NOT NULL DEFAULT 0;
UPDATE comments SET view_revision = 1
  WHERE received_date >= (SELECT view_share_date FROM investigations
                          WHERE investigations.id = comments.investigation_id);
UPDATE comments SET organisation = COALESCE(
    (SELECT organisation FROM organisations_investigated
     WHERE organisations_investigated.investigation_id = comments.investigation_id
       AND organisations_investigated.position = 0), '')
  WHERE party = 2;

ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'decision'
  CHECK (kind IN ('decision', 'reopening', 'end'));
)sql";

// Version 6: who owns the complaint investigated (intake's owner, handed over with it), so a
// complainant lists and reaches only their own investigations (docs/security.md). Investigations
// opened before it have no owner: only staff reach them.
constexpr char kSchemaV6Owner[] = R"sql(
ALTER TABLE investigations ADD COLUMN owner TEXT NOT NULL DEFAULT '';
CREATE INDEX investigations_by_owner ON investigations (owner, sequence);
)sql";

// Version 7: erasure by pseudonymisation (docs/privacy.md), as on SQLite.
constexpr char kSchemaV7Erasures[] = R"sql(
CREATE TABLE erasures (
  investigation_id TEXT PRIMARY KEY REFERENCES investigations (id),
  erase_time       TIMESTAMPTZ NOT NULL
);
CREATE INDEX investigations_by_complaint ON investigations (complaint, sequence);
CREATE INDEX investigations_by_state_update ON investigations (state, update_time);
)sql";

// Version 8: each hand-off keeps the traceparent of the call that recorded it, so that its
// delivery continues that trace (common/trace_context.h). NULL for rows recorded before.
constexpr char kSchemaV8Traceparent[] = R"sql(
ALTER TABLE outbox ADD COLUMN traceparent TEXT;
)sql";

// Version 9: investigations that grow long (docs/limits.md), as SQLite's version 9: the counts of
// evidence and comments on the investigation row, each item's resource name (the key of its audit
// entries), and the view's commenters on its current revision.
constexpr char kSchemaV9LongLists[] = R"sql(
ALTER TABLE investigations ADD COLUMN evidence_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE investigations ADD COLUMN comment_count INTEGER NOT NULL DEFAULT 0;
UPDATE investigations SET
  evidence_count = (SELECT COUNT(*) FROM evidence WHERE evidence.investigation_id = investigations.id),
  comment_count = (SELECT COUNT(*) FROM comments WHERE comments.investigation_id = investigations.id);

ALTER TABLE evidence ADD COLUMN name TEXT NOT NULL DEFAULT '';
UPDATE evidence SET name = 'investigations/' || investigation_id || '/evidence/' || evidence_id;
CREATE UNIQUE INDEX evidence_by_name ON evidence (name);
ALTER TABLE comments ADD COLUMN name TEXT NOT NULL DEFAULT '';
UPDATE comments SET name = 'investigations/' || investigation_id || '/comments/' || comment_id;
CREATE UNIQUE INDEX comments_by_name ON comments (name);

CREATE TABLE view_commenters (
  investigation_id    TEXT NOT NULL REFERENCES investigations (id),
  position            INTEGER NOT NULL,  -- in the order they first commented
  party               INTEGER NOT NULL,  -- Party
  organisation        TEXT NOT NULL,     -- '' for the complainant
  first_received_date DATE NOT NULL,
  PRIMARY KEY (investigation_id, position)
);
INSERT INTO view_commenters (investigation_id, position, party, organisation, first_received_date)
  SELECT investigation_id,
         ROW_NUMBER() OVER (PARTITION BY investigation_id ORDER BY first_position) - 1,
         party, organisation, first_received_date
  FROM (SELECT c.investigation_id, c.party, c.organisation, MIN(c.position) AS first_position,
               MIN(c.received_date) AS first_received_date
        FROM comments c JOIN investigations i ON i.id = c.investigation_id
        WHERE c.view_revision = i.view_revision
        GROUP BY c.investigation_id, c.party, c.organisation) AS firsts;
)sql";

}  // namespace

const std::vector<Migration>& PostgresStore::Migrations() {
  static const auto* const kMigrations =
      new std::vector<Migration>{{1, kSchemaV1},
                                 {2, kSchemaV2RecommendationOrganisation},
                                 {3, kSchemaV3OutboxLastAttempt},
                                 {4, kSchemaV4ReviewsAndEndings},
                                 // Version 5: the audit log (docs/audit.md). A database made
                                 // before it gets an empty log that starts at the upgrade.
                                 {5, pg::kPostgresAuditLogSchema},
                                 {6, kSchemaV6Owner},
                                 {7, kSchemaV7Erasures},
                                 {8, kSchemaV8Traceparent},
                                 {9, kSchemaV9LongLists},
                                 // Version 10: parked hand-offs (docs/reliability.md).
                                 {10, pg::kParkingColumnsSchema},
                                 // Version 11: dated idempotency records, pruned by age
                                 // (docs/reliability.md, "Growth").
                                 {11, pg::kRequestsCreateTimeSchema}};
  return *kMigrations;
}

}  // namespace redress::investigation
