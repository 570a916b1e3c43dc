#include "services/intake/store/postgres/postgres_store_audit.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/store/postgres/audit_log.h"
#include "services/intake/complaint.h"
#include "services/intake/organisation.h"

namespace redress::intake::pg_audit {
namespace {

// The tables holding a complaint's child rows, each keyed by complaint_id.
constexpr const char* kComplaintChildTables[] = {
    "people",
    "mp_referrals",
    "complaint_organisations",
    "organisation_dates",
    "assessments",
    "assessment_checks",
    "previous_assessments",
    "previous_assessment_checks",
    "organisation_assessments",
    "organisation_assessment_checks",
    "assessment_reviews",
    "erasures",
};

}  // namespace

absl::Status RecordOrganisationChange(pg::Connection& connection, std::string_view id,
                                      std::string_view request_id) {
  return pg::AppendAuditedChange(connection, "intake",
                                 absl::StrCat(kOrganisationsCollection, std::string(id)),
                                 request_id, {{"organisations", "id", id}});
}

absl::Status RecordComplaintChange(pg::Connection& connection, std::string_view id,
                                   std::string_view request_id) {
  std::vector<pg::ResourceRows> rows = {{"complaints", "id", id}};
  for (const char* table : kComplaintChildTables) rows.push_back({table, "complaint_id", id});
  return pg::AppendAuditedChange(
      connection, "intake", absl::StrCat(kComplaintsCollection, std::string(id)), request_id, rows);
}

}  // namespace redress::intake::pg_audit
