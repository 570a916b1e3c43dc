// What a provisional view puts to the parties and the final decision rests on: the complaint
// points with their findings, and the recommendations. ShareProvisionalView records their
// fingerprint; a change to any of them afterwards outdates the view, and the decision waits for the
// revised view to be shared, so that the parties have commented on what is decided (DESIGN §2 step
// 8; where DESIGN is silent, PHSO practice: a provisional view whose findings or recommendations
// change is shared again for comment before the final decision).
#pragma once

#include <string>

#include "services/investigation/investigation.h"

namespace redress::investigation {

// The fingerprint of `investigation`'s complaint points (ids, descriptions, findings without
// their record times) and recommendations: 32 hex digits, the points' 16 then the
// recommendations' 16. The same on every run and machine (common/paging.h's Fingerprint), so a
// stored one stays comparable.
std::string ViewContentFingerprint(const Investigation& investigation);

// What changed since the current view was shared: "the complaint points or findings", "the
// recommendations", or both joined by " and "; "" when nothing did, when there is no view, or when
// the view's fingerprint was not recorded (ProvisionalView::shared_content "").
std::string ViewChangesSinceShared(const Investigation& investigation);

// Whether ViewChangesSinceShared is not "".
bool IsViewOutdated(const Investigation& investigation);

}  // namespace redress::investigation
