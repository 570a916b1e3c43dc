#include "services/remedy/publishable_case.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/remedy/apply_change.h"

namespace redress::remedy {

absl::StatusOr<DecidedCase> PublishableCase(const CaseOnRecord& record,
                                            std::string_view investigation_name) {
  if (record.state == "DECIDED") return record.content;
  // A withdrawn or discontinued investigation ended without a decision in force: never decided,
  // or decided and then reopened on review, which set that decision aside. The PHSO publishes
  // summaries of the complaints it has decided, so there is nothing to publish, now or later
  // (DESIGN is silent on ended investigations).
  if (record.state == "WITHDRAWN" || record.state == "DISCONTINUED") {
    return PreconditionFailed(
        "STATE", investigation_name,
        absl::StrCat("the investigation was ",
                     record.state == "WITHDRAWN" ? "withdrawn" : "discontinued",
                     ": it ended without a decision in force, and only a decided case has a "
                     "published summary"),
        kInvestigationEnded);
  }
  return InvalidStateTransition(investigation_name, record.state,
                                "render or publish its case summary");
}

absl::StatusOr<DecidedCase> ReadPublishableCase(CaseReader& cases,
                                                std::string_view investigation_id,
                                                absl::Time deadline) {
  ASSIGN_OR_RETURN(CaseOnRecord record, cases.GetCase(investigation_id, deadline));
  return PublishableCase(record,
                         absl::StrCat(kInvestigationsCollection, std::string(investigation_id)));
}

}  // namespace redress::remedy
