// The investigation database schema, as migrations applied in order at start-up. Append a
// migration to change the schema; never edit one that has shipped.
//
// Encodings: dates are ISO "YYYY-MM-DD" TEXT (NULL when unset), times INTEGER microseconds since
// the Unix epoch (UTC), enums INTEGER (their C++/proto numbers), booleans INTEGER 0/1. Text is
// stored as given, byte for byte. Lists are child rows keyed by (investigation_id, position),
// position counting from 0 in the list's order.
#include "absl/strings/str_cat.h"
#include "common/store/sqlite/audit_log.h"
#include "common/store/sqlite/outbox_parking.h"
#include "common/store/sqlite/requests.h"
#include "services/investigation/store/sqlite/sqlite_store.h"

namespace redress::investigation {
namespace {

// Version 1: investigations and their parts, idempotency records and the outbox.
constexpr char kSchemaV1[] = R"sql(
-- One row per investigation: its state, what intake handed over, and the parts that occur at
-- most once (scope, provisional view, current decision), each NULL as a group while unset.
CREATE TABLE investigations (
  sequence                         INTEGER PRIMARY KEY AUTOINCREMENT,  -- order of opening
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
  scope_agreed_date                TEXT,
  scope_timescale_working_days     INTEGER,
  scope_target_date                TEXT,
  location                         TEXT NOT NULL,
  -- Provisional view; all NULL until shared. Its comments are in `comments`.
  view_share_date                  TEXT,
  view_comment_period_working_days INTEGER,
  view_comment_deadline            TEXT,
  -- Current final decision; all NULL until decided and while reopened.
  decision_outcome                 INTEGER,
  decision_date                    TEXT,
  decision_issue_time              INTEGER,
  decision_sequence                INTEGER,
  version                          INTEGER NOT NULL,
  create_time                      INTEGER NOT NULL,
  update_time                      INTEGER NOT NULL,
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
) WITHOUT ROWID;

-- Complaint points, each with its finding (the finding_* columns NULL until recorded).
CREATE TABLE complaint_points (
  investigation_id    TEXT NOT NULL REFERENCES investigations (id),
  position            INTEGER NOT NULL,
  point_id            TEXT NOT NULL,
  description         TEXT NOT NULL,
  outcome             INTEGER NOT NULL,
  finding_failing     INTEGER,
  finding_injustice   INTEGER,
  finding_causal_link INTEGER,
  finding_reasoning   TEXT,
  finding_record_time INTEGER,
  PRIMARY KEY (investigation_id, position),
  CHECK ((finding_failing IS NULL) = (finding_injustice IS NULL) AND
         (finding_failing IS NULL) = (finding_causal_link IS NULL) AND
         (finding_failing IS NULL) = (finding_reasoning IS NULL) AND
         (finding_failing IS NULL) = (finding_record_time IS NULL))
) WITHOUT ROWID;

CREATE TABLE evidence (
  investigation_id TEXT NOT NULL REFERENCES investigations (id),
  position         INTEGER NOT NULL,  -- order logged
  evidence_id      TEXT NOT NULL,
  description      TEXT NOT NULL,
  source           INTEGER NOT NULL,  -- Party
  received_date    TEXT NOT NULL,
  log_time         INTEGER NOT NULL,
  PRIMARY KEY (investigation_id, position)
) WITHOUT ROWID;

-- Clock-stops. resume_state is the state the investigation returns to when resumed.
CREATE TABLE holds (
  investigation_id TEXT NOT NULL REFERENCES investigations (id),
  position         INTEGER NOT NULL,
  reason           TEXT NOT NULL,
  start_date       TEXT NOT NULL,
  end_date         TEXT,  -- NULL while the hold is open
  resume_state     INTEGER NOT NULL,
  PRIMARY KEY (investigation_id, position)
) WITHOUT ROWID;

-- Findings on the organisation's complaint handling, against the Principles.
CREATE TABLE complaint_handling_findings (
  investigation_id TEXT NOT NULL REFERENCES investigations (id),
  position         INTEGER NOT NULL,
  principle        INTEGER NOT NULL,
  met              INTEGER NOT NULL,
  finding          TEXT NOT NULL,
  PRIMARY KEY (investigation_id, position)
) WITHOUT ROWID;

-- Complaint types by their published labels.
CREATE TABLE complaint_types (
  investigation_id TEXT NOT NULL REFERENCES investigations (id),
  position         INTEGER NOT NULL,
  label            TEXT NOT NULL,
  PRIMARY KEY (investigation_id, position)
) WITHOUT ROWID;

-- The organisations investigated, in the order to publish.
CREATE TABLE organisations_investigated (
  investigation_id TEXT NOT NULL REFERENCES investigations (id),
  position         INTEGER NOT NULL,
  organisation     TEXT NOT NULL,  -- organisations/{organisation}
  published_name   TEXT NOT NULL,
  PRIMARY KEY (investigation_id, position)
) WITHOUT ROWID;
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
) WITHOUT ROWID;

CREATE TABLE recommendations (
  investigation_id  TEXT NOT NULL REFERENCES investigations (id),
  position          INTEGER NOT NULL,
  recommendation_id TEXT NOT NULL,
  type              INTEGER NOT NULL,  -- RecommendationType
  beneficiary       INTEGER NOT NULL,
  description       TEXT NOT NULL,
  amount_minor      INTEGER,  -- amount_minor and currency_code NULL when there is no amount
  currency_code     TEXT,
  target_date       TEXT,
  PRIMARY KEY (investigation_id, position),
  CHECK ((amount_minor IS NULL) = (currency_code IS NULL))
) WITHOUT ROWID;

-- Comments on the provisional view, in the order logged.
CREATE TABLE comments (
  investigation_id TEXT NOT NULL REFERENCES investigations (id),
  position         INTEGER NOT NULL,
  comment_id       TEXT NOT NULL,
  party            INTEGER NOT NULL,
  text             TEXT NOT NULL,
  received_date    TEXT NOT NULL,
  log_time         INTEGER NOT NULL,
  PRIMARY KEY (investigation_id, position)
) WITHOUT ROWID;

-- Earlier decisions of a reopened investigation, oldest first.
CREATE TABLE previous_decisions (
  investigation_id TEXT NOT NULL REFERENCES investigations (id),
  position         INTEGER NOT NULL,
  outcome          INTEGER NOT NULL,
  decision_date    TEXT NOT NULL,
  issue_time       INTEGER NOT NULL,
  sequence         INTEGER NOT NULL,
  PRIMARY KEY (investigation_id, position)
) WITHOUT ROWID;

CREATE TABLE reviews (
  investigation_id  TEXT NOT NULL REFERENCES investigations (id),
  position          INTEGER NOT NULL,  -- oldest first
  review_id         TEXT NOT NULL,
  requested_by      INTEGER NOT NULL,  -- Party
  ground            INTEGER NOT NULL,
  explanation       TEXT NOT NULL,
  request_date      TEXT NOT NULL,
  outcome           INTEGER NOT NULL,  -- ReviewOutcome; 0 while under review
  outcome_reason    TEXT NOT NULL,
  decide_date       TEXT,
  decision_sequence INTEGER NOT NULL,
  PRIMARY KEY (investigation_id, position)
) WITHOUT ROWID;

-- Idempotency records: which resource the first request with (scope, request_id) produced.
CREATE TABLE requests (
  scope       TEXT NOT NULL,
  request_id  TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  PRIMARY KEY (scope, request_id)
) WITHOUT ROWID;

-- Hand-offs to deliver; payload is a serialized redress.investigation.v1.DecisionIssuedEvent.
CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  handoff_key      TEXT NOT NULL UNIQUE,
  investigation_id TEXT NOT NULL,
  payload          BLOB NOT NULL,
  attempts         INTEGER NOT NULL DEFAULT 0,
  create_time      INTEGER NOT NULL,  -- the decision's issue time
  delivered_time   INTEGER
);
CREATE INDEX outbox_undelivered ON outbox (id) WHERE delivered_time IS NULL;
)sql";

// Version 2: the organisation that must act on each recommendation, "organisations/{organisation}"
// among organisations_investigated; '' (every row written before) means the first of them.
constexpr char kSchemaV2RecommendationOrganisation[] = R"sql(
ALTER TABLE recommendations ADD COLUMN organisation TEXT NOT NULL DEFAULT '';
)sql";

// Version 3: the outbox keeps its last failed delivery attempt (the sender's retry times are in
// memory; these are for operators).
constexpr char kSchemaV3OutboxLastAttempt[] = R"sql(
ALTER TABLE outbox ADD COLUMN last_attempt_time INTEGER;
ALTER TABLE outbox ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
)sql";

// Version 4: revised provisional views, comments per organisation, the end of an investigation,
// and hand-offs of more than one kind.
// - The view's revision (1, 2, ...) and the fingerprint of what it showed (view_content.h); NULL
//   while there is no view. Views shared before are revision 1 with fingerprint '' (not
//   recorded: taken as current).
// - Each comment's organisation ('' for the complainant) and the revision it was on. Comments
//   written before counted on the current view when received on or after its share date: they
//   become its revision 1, the others 0; an organisation's comment was the first organisation's.
// - How the investigation ended (WITHDRAWN or DISCONTINUED); NULL until then.
// - The outbox payload's kind: 'decision' (DecisionIssuedEvent, every row written before),
//   'reopening' (DecisionReopenedEvent) or 'end' (InvestigationEndedEvent).
constexpr char kSchemaV4ReviewsAndEndings[] = R"sql(
ALTER TABLE investigations ADD COLUMN view_revision INTEGER;
ALTER TABLE investigations ADD COLUMN view_shared_content TEXT;
UPDATE investigations SET view_revision = 1, view_shared_content = ''
  WHERE view_share_date IS NOT NULL;
ALTER TABLE investigations ADD COLUMN end_reason TEXT;
ALTER TABLE investigations ADD COLUMN end_date TEXT;
ALTER TABLE investigations ADD COLUMN end_record_time INTEGER;

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

// Version 7: erasure by pseudonymisation (docs/privacy.md): when each investigation was erased,
// the lookup of a complaint's investigations (a subject access request names complaints), and
// retention's scan of ended investigations.
constexpr char kSchemaV7Erasures[] = R"sql(
CREATE TABLE erasures (
  investigation_id TEXT PRIMARY KEY REFERENCES investigations (id),
  erase_time       INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX investigations_by_complaint ON investigations (complaint, sequence);
CREATE INDEX investigations_by_state_update ON investigations (state, update_time);
)sql";

// Version 8: each hand-off keeps the traceparent of the call that recorded it, so that its
// delivery continues that trace (common/trace_context.h). NULL for rows recorded before.
constexpr char kSchemaV8Traceparent[] = R"sql(
ALTER TABLE outbox ADD COLUMN traceparent TEXT;
)sql";

// Version 9: investigations that grow long (docs/limits.md). Evidence and comments are appended,
// never rewritten: the investigation row counts them, a read takes only the most recent, and each
// has its resource name, the key of its own audit entries. The view's commenters: who has
// commented on its current revision and from which day, so that the comment period is judged
// without reading every comment (filled here from the comments on each current revision).
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
  first_received_date TEXT NOT NULL,
  PRIMARY KEY (investigation_id, position)
) WITHOUT ROWID;
INSERT INTO view_commenters (investigation_id, position, party, organisation, first_received_date)
  SELECT investigation_id,
         ROW_NUMBER() OVER (PARTITION BY investigation_id ORDER BY first_position) - 1,
         party, organisation, first_received_date
  FROM (SELECT c.investigation_id, c.party, c.organisation, MIN(c.position) AS first_position,
               MIN(c.received_date) AS first_received_date
        FROM comments c JOIN investigations i ON i.id = c.investigation_id
        WHERE c.view_revision = i.view_revision
        GROUP BY c.investigation_id, c.party, c.organisation);
)sql";

// Version 10: parked hand-offs (docs/reliability.md): when and why an entry was parked, and who
// discarded one, when and why (common/store/sqlite/outbox_parking.h).
std::string SchemaV10Parking() {
  return absl::StrCat(sqlite_outbox::kParkingColumnsSchema,
                      sqlite_outbox::ParkedIndexSql("investigation_id"));
}

}  // namespace

const std::vector<Migration>& SqliteStore::Migrations() {
  static const auto* const kMigrations =
      new std::vector<Migration>{{1, kSchemaV1},
                                 {2, kSchemaV2RecommendationOrganisation},
                                 {3, kSchemaV3OutboxLastAttempt},
                                 {4, kSchemaV4ReviewsAndEndings},
                                 // Version 5: the audit log (docs/audit.md). A database made
                                 // before it gets an empty log that starts at the upgrade.
                                 {5, kSqliteAuditLogSchema},
                                 {6, kSchemaV6Owner},
                                 {7, kSchemaV7Erasures},
                                 {8, kSchemaV8Traceparent},
                                 {9, kSchemaV9LongLists},
                                 {10, SchemaV10Parking()},
                                 // Version 11: dated idempotency records, pruned by age
                                 // (docs/reliability.md, "Growth").
                                 {11, kRequestsCreateTimeSchema}};
  return *kMigrations;
}

}  // namespace redress::investigation
