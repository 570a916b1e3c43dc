// The resources remedy's audit entries name (docs/audit.md), one helper per kind of stored thing,
// so that the fake, SQLite and PostgreSQL stores name each change alike.
#pragma once

#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"

namespace redress::remedy::audit_resources {

// A recommendation with its follow-up steps, reschedules and state history.
inline std::string Recommendation(std::string_view id) {
  return absl::StrCat("recommendations/", std::string(id));
}
// The receipt of a hand-off from investigation is named by its key
// ("investigations/{id}/decisions/{n}", ".../reopening", "investigations/{id}/end").
inline std::string Receipt(std::string_view handoff_key) { return std::string(handoff_key); }
// Every published version of an investigation's case summary.
inline std::string CaseSummary(std::string_view investigation_id) {
  return absl::StrCat("caseSummaries/", std::string(investigation_id));
}
// A caseworker's acknowledgement of one anonymisation issue, by the issue's name in the API.
inline std::string Acknowledgement(std::string_view investigation_id, std::string_view issue_id) {
  return absl::StrCat("caseSummaries/", std::string(investigation_id), "/issues/",
                      std::string(issue_id));
}

// The record that a case's personal data was erased (docs/privacy.md).
inline std::string Erasure(std::string_view investigation_id) {
  return absl::StrCat("investigations/", std::string(investigation_id), "/erasure");
}

}  // namespace redress::remedy::audit_resources
