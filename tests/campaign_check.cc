#include "tests/campaign_check.h"

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace redress::testing {
namespace {

namespace cv1 = ::redress::common::v1;
namespace iv1 = ::redress::intake::v1;
namespace inv1 = ::redress::investigation::v1;
namespace rv1 = ::redress::remedy::v1;

constexpr int kPageSize = 200;

// Every item of a paged list: `page(token, response)` reads one page.
template <typename Response, typename Item>
bool ReadAll(
    CampaignTally& tally, const std::string& what,
    const std::function<grpc::Status(grpc::ClientContext*, const std::string&, Response*)>& page,
    const std::function<const google::protobuf::RepeatedPtrField<Item>&(const Response&)>& items,
    std::vector<Item>& out) {
  std::string token;
  do {
    Response response;
    const grpc::Status status =
        Call([&](grpc::ClientContext* context) { return page(context, token, &response); });
    if (!status.ok()) {
      tally.problems.push_back(absl::StrCat(what, " failed: ", status.error_message()));
      return false;
    }
    out.insert(out.end(), items(response).begin(), items(response).end());
    token = response.next_page_token();
  } while (!token.empty());
  return true;
}

void Lost(CampaignTally& tally, const std::string& what) {
  ++tally.lost;
  tally.problems.push_back("lost: " + what);
}

void Duplicated(CampaignTally& tally, int extra, const std::string& what) {
  if (extra <= 0) return;
  tally.duplicated += extra;
  tally.problems.push_back(absl::StrCat("duplicated (", extra, " extra): ", what));
}

// Each of `acknowledged` is among `found` exactly once; nothing of `found` is there twice.
void CheckOnce(CampaignTally& tally, const std::vector<std::string>& acknowledged,
               const std::vector<std::string>& found, const std::string& what) {
  std::map<std::string, int> count;
  for (const std::string& f : found) ++count[f];
  for (const std::string& a : acknowledged) {
    if (count[a] == 0) Lost(tally, absl::StrCat(what, " \"", a, "\""));
  }
  for (const auto& [text, n] : count)
    Duplicated(tally, n - 1, absl::StrCat(what, " \"", text, "\""));
}

template <typename Stub>
void CheckHandoffs(CampaignTally& tally, Stub& stub, const std::string& service) {
  cv1::HandoffStatus status;
  const grpc::Status got = Call([&](grpc::ClientContext* context) {
    return stub.GetHandoffStatus(context, cv1::GetHandoffStatusRequest(), &status);
  });
  if (!got.ok()) {
    tally.problems.push_back(absl::StrCat(service, " GetHandoffStatus: ", got.error_message()));
  } else if (status.pending_count() != 0 || status.parked_count() != 0) {
    tally.problems.push_back(absl::StrCat(service, " hand-offs stuck: ", status.pending_count(),
                                          " pending, ", status.parked_count(), " parked; ",
                                          status.last_error()));
  }
}

template <typename Stub>
void CheckAuditChain(CampaignTally& tally, Stub& stub, const std::string& service) {
  cv1::VerifyAuditLogResponse response;
  const grpc::Status got = Call([&](grpc::ClientContext* context) {
    return stub.VerifyAuditLog(context, cv1::VerifyAuditLogRequest(), &response);
  });
  if (!got.ok() || response.has_problem()) {
    tally.problems.push_back(absl::StrCat(service, " audit log: ", got.error_message(), " ",
                                          response.problem().ShortDebugString()));
  }
}

void CheckInvestigation(CampaignTally& tally, Suite& suite, const CaseLedger& ledger,
                        const inv1::Investigation& i) {
  const e2e::CaseFixture& f = ledger.loaded->fixture;
  const std::string& name = i.name();
  if (ledger.assigned && i.caseworker() != f.caseworker()) Lost(tally, name + " caseworker");
  if (ledger.scoped && i.points_size() != f.points_size()) Lost(tally, name + " scope");
  for (int p = 0; p < ledger.findings; ++p) {
    if (p >= i.points_size() ||
        i.points(p).finding().reasoning() != f.points(p).finding().reasoning()) {
      Lost(tally, absl::StrCat(name, " finding on point ", p + 1));
    }
  }
  if (ledger.updated && i.recommendations_size() != f.recommendations_size()) {
    Lost(tally, name + " recommendations");
  }
  if (ledger.shared && i.state() != inv1::INVESTIGATION_STATE_PROVISIONAL_VIEW_SHARED &&
      i.state() != inv1::INVESTIGATION_STATE_DECIDED) {
    Lost(tally, name + " provisional view");
  }
  if (ledger.decided && i.state() != inv1::INVESTIGATION_STATE_DECIDED) {
    Lost(tally, name + " final decision");
  }

  std::vector<inv1::EvidenceItem> evidence;
  ReadAll<inv1::ListEvidenceResponse, inv1::EvidenceItem>(
      tally, "ListEvidence " + name,
      [&](grpc::ClientContext* context, const std::string& token, inv1::ListEvidenceResponse* r) {
        inv1::ListEvidenceRequest request;
        request.set_parent(name);
        request.set_page_size(kPageSize);
        request.set_page_token(token);
        return suite.investigation().ListEvidence(context, request, r);
      },
      [](const inv1::ListEvidenceResponse& r) -> const auto& { return r.evidence(); }, evidence);
  std::vector<std::string> descriptions;
  for (const inv1::EvidenceItem& e : evidence) descriptions.push_back(e.description());
  CheckOnce(tally, ledger.evidence, descriptions, name + " evidence");

  std::vector<inv1::Comment> comments;
  ReadAll<inv1::ListCommentsResponse, inv1::Comment>(
      tally, "ListComments " + name,
      [&](grpc::ClientContext* context, const std::string& token, inv1::ListCommentsResponse* r) {
        inv1::ListCommentsRequest request;
        request.set_parent(name);
        request.set_page_size(kPageSize);
        request.set_page_token(token);
        return suite.investigation().ListComments(context, request, r);
      },
      [](const inv1::ListCommentsResponse& r) -> const auto& { return r.comments(); }, comments);
  std::vector<std::string> texts;
  for (const inv1::Comment& c : comments) texts.push_back(c.text());
  CheckOnce(tally, ledger.comments, texts, name + " comment");
}

// The decided investigation's recommendations are in remedy once each, in the states the
// ledger (if any) says they were left in.
void CheckRemedy(CampaignTally& tally, Suite& suite, const inv1::Investigation& i,
                 const CaseLedger* ledger) {
  std::vector<rv1::Recommendation> held;
  if (!ReadAll<rv1::ListRecommendationsResponse, rv1::Recommendation>(
          tally, "ListRecommendations " + i.name(),
          [&](grpc::ClientContext* context, const std::string& token,
              rv1::ListRecommendationsResponse* r) {
            rv1::ListRecommendationsRequest request;
            request.set_filter(absl::StrCat("investigation = \"", i.name(), "\""));
            request.set_page_size(kPageSize);
            request.set_page_token(token);
            return suite.remedy().ListRecommendations(context, request, r);
          },
          [](const rv1::ListRecommendationsResponse& r) -> const auto& {
            return r.recommendations();
          },
          held)) {
    return;
  }
  std::vector<std::string> expected, found;
  for (const auto& r : i.recommendations()) expected.push_back(r.recommendation_id());
  for (const rv1::Recommendation& r : held) {
    if (r.decision_sequence() == i.final_decision().sequence()) {
      found.push_back(r.source_recommendation_id());
    }
  }
  CheckOnce(tally, expected, found, i.name() + " recommendation in remedy");
  // Every follow-up step and every change of state happened once.
  for (const rv1::Recommendation& r : held) {
    std::map<int, int> steps, states;
    for (const rv1::FollowUpStep& step : r.follow_up()) {
      if (!step.has_take_time()) continue;
      ++steps[step.action()];
      ++tally.follow_up_steps;
    }
    for (const rv1::StateChange& change : r.state_history()) ++states[change.state()];
    for (const auto& [action, n] : steps) {
      Duplicated(tally, n - 1,
                 absl::StrCat(r.name(), " step ",
                              rv1::FollowUpAction_Name(static_cast<rv1::FollowUpAction>(action))));
    }
    for (const auto& [state, n] : states) {
      Duplicated(tally, n - 1,
                 absl::StrCat(
                     r.name(), " entering ",
                     rv1::RecommendationState_Name(static_cast<rv1::RecommendationState>(state))));
    }
  }
  if (ledger == nullptr) return;
  for (const auto& [name, state] : ledger->settled) {
    auto it = std::find_if(held.begin(), held.end(),
                           [&](const rv1::Recommendation& r) { return r.name() == name; });
    if (it == held.end() || it->state() != state) {
      Lost(tally, absl::StrCat(name, " as ", rv1::RecommendationState_Name(state)));
    }
  }
}

void CheckSummary(CampaignTally& tally, Suite& suite, const CaseLedger& ledger) {
  rv1::GetCaseSummaryRequest request;
  request.set_name(ledger.summary);
  rv1::CaseSummary summary;
  const grpc::Status got = Call([&](grpc::ClientContext* context) {
    return suite.remedy().GetCaseSummary(context, request, &summary);
  });
  if (!got.ok() || summary.text() != ledger.loaded->expected_text) {
    Lost(tally, absl::StrCat(ledger.summary, " ", got.error_message()));
  } else {
    Duplicated(tally, summary.version() - 1, ledger.summary + " versions");
  }
}

}  // namespace

void AwaitHandoffsDrained(Suite& suite, absl::Duration patience) {
  Eventually(
      [&] {
        cv1::HandoffStatus intake, investigation;
        return Call([&](grpc::ClientContext* context) {
                 return suite.intake().GetHandoffStatus(context, {}, &intake);
               }).ok() &&
               Call([&](grpc::ClientContext* context) {
                 return suite.investigation().GetHandoffStatus(context, {}, &investigation);
               }).ok() &&
               intake.pending_count() == 0 && investigation.pending_count() == 0;
      },
      patience);
}

CampaignTally CheckInvariants(Suite& suite, const std::vector<CaseLedger>& ledgers) {
  CampaignTally tally;
  for (const CaseLedger& ledger : ledgers) tally.acknowledged += ledger.acknowledged;
  CheckHandoffs(tally, suite.intake(), "intake");
  CheckHandoffs(tally, suite.investigation(), "investigation");

  std::vector<iv1::Complaint> complaints;
  ReadAll<iv1::ListComplaintsResponse, iv1::Complaint>(
      tally, "ListComplaints",
      [&](grpc::ClientContext* context, const std::string& token, iv1::ListComplaintsResponse* r) {
        iv1::ListComplaintsRequest request;
        request.set_page_size(kPageSize);
        request.set_page_token(token);
        return suite.intake().ListComplaints(context, request, r);
      },
      [](const iv1::ListComplaintsResponse& r) -> const auto& { return r.complaints(); },
      complaints);
  std::vector<inv1::Investigation> investigations;
  ReadAll<inv1::ListInvestigationsResponse, inv1::Investigation>(
      tally, "ListInvestigations",
      [&](grpc::ClientContext* context, const std::string& token,
          inv1::ListInvestigationsResponse* r) {
        inv1::ListInvestigationsRequest request;
        request.set_page_size(kPageSize);
        request.set_page_token(token);
        return suite.investigation().ListInvestigations(context, request, r);
      },
      [](const inv1::ListInvestigationsResponse& r) -> const auto& { return r.investigations(); },
      investigations);

  // Complaints: each acknowledged one there (accepted if its acceptance was acknowledged), and
  // no more of them than submissions sent.
  std::map<std::string, const iv1::Complaint*> by_name;
  for (const iv1::Complaint& c : complaints) by_name[c.name()] = &c;
  int sent = 0;
  for (const CaseLedger& ledger : ledgers) {
    sent += ledger.submit_sent ? 1 : 0;
    if (ledger.complaint.empty()) continue;
    auto it = by_name.find(ledger.complaint);
    if (it == by_name.end()) {
      Lost(tally, ledger.complaint);
    } else if (ledger.accepted && it->second->state() != iv1::COMPLAINT_STATE_ACCEPTED) {
      Lost(tally, ledger.complaint + " acceptance");
    }
  }
  Duplicated(tally, static_cast<int>(complaints.size()) - sent, "complaints beyond submissions");

  // Exactly one investigation per accepted complaint, none of anything else.
  std::map<std::string, std::vector<const inv1::Investigation*>> opened;
  for (const inv1::Investigation& i : investigations) {
    opened[i.complaint().complaint()].push_back(&i);
  }
  for (const iv1::Complaint& c : complaints) {
    if (c.state() != iv1::COMPLAINT_STATE_ACCEPTED) continue;
    const int n = static_cast<int>(opened[c.name()].size());
    if (n == 0) Lost(tally, "the investigation of accepted " + c.name());
    Duplicated(tally, n - 1, "investigations of " + c.name());
  }
  for (const auto& [complaint, list] : opened) {
    auto it = by_name.find(complaint);
    if (it == by_name.end() || it->second->state() != iv1::COMPLAINT_STATE_ACCEPTED) {
      Duplicated(tally, static_cast<int>(list.size()),
                 "investigations of " + complaint + ", not an accepted complaint");
    }
  }

  // Each case's investigation, its decision's recommendations in remedy and its summary.
  std::map<std::string, const CaseLedger*> ledger_of;
  for (const CaseLedger& ledger : ledgers) {
    if (!ledger.investigation.empty()) ledger_of[ledger.investigation] = &ledger;
  }
  for (const inv1::Investigation& i : investigations) {
    auto it = ledger_of.find(i.name());
    const CaseLedger* ledger = it == ledger_of.end() ? nullptr : it->second;
    if (ledger != nullptr) CheckInvestigation(tally, suite, *ledger, i);
    if (i.state() == inv1::INVESTIGATION_STATE_DECIDED) CheckRemedy(tally, suite, i, ledger);
  }
  for (const CaseLedger& ledger : ledgers) {
    if (!ledger.investigation.empty() && !opened.count(ledger.complaint)) {
      Lost(tally, ledger.investigation);
    }
    if (!ledger.summary.empty()) CheckSummary(tally, suite, ledger);
  }

  CheckAuditChain(tally, suite.intake(), "intake");
  CheckAuditChain(tally, suite.investigation(), "investigation");
  CheckAuditChain(tally, suite.remedy(), "remedy");
  return tally;
}

}  // namespace redress::testing
