#include "services/investigation/decision_record.h"

#include <string_view>

#include "absl/strings/str_cat.h"
#include "services/investigation/outcomes.h"

namespace redress::investigation {
namespace {

constexpr Outcome kDecisions[] = {Outcome::kUpheld, Outcome::kPartlyUpheld, Outcome::kNotUpheld};

struct Section {
  const char* field;
  std::vector<std::string> Narrative::*paragraphs;
  bool always_published;
};
constexpr Section kSections[] = {
    {"narrative.introduction", &Narrative::introduction, true},
    {"narrative.what_happened", &Narrative::what_happened, true},
    {"narrative.what_we_found", &Narrative::what_we_found, true},
    {"narrative.putting_it_right", &Narrative::putting_it_right, false},
};

// Whether `sentence` is in `paragraph` with the paragraph's start or a space before it, and its
// end or a space after it.
bool HasSentence(std::string_view paragraph, std::string_view sentence) {
  for (size_t at = paragraph.find(sentence); at != std::string_view::npos;
       at = paragraph.find(sentence, at + 1)) {
    const size_t end = at + sentence.size();
    const bool starts = at == 0 || paragraph[at - 1] == ' ';
    const bool ends = end == paragraph.size() || paragraph[end] == ' ';
    if (starts && ends) return true;
  }
  return false;
}

// The decision `paragraph` states other than `decision`, or UNSPECIFIED.
Outcome OtherDecisionStated(std::string_view paragraph, Outcome decision) {
  for (Outcome other : kDecisions) {
    if (other != decision && HasSentence(paragraph, DecisionStatement(other))) return other;
  }
  return Outcome::kUnspecified;
}

}  // namespace

std::vector<RecordDisagreement> NarrativeDisagreements(const Narrative& narrative,
                                                       Outcome decision) {
  const std::string statement = DecisionStatement(decision);
  std::vector<RecordDisagreement> found;
  for (const Section& section : kSections) {
    const std::vector<std::string>& paragraphs = narrative.*section.paragraphs;
    if (section.always_published && paragraphs.empty()) {
      found.push_back(
          {section.field, "NARRATIVE", "is published in every case summary and has no paragraph"});
      continue;
    }
    bool stated = false;
    for (size_t i = 0; i < paragraphs.size(); ++i) {
      stated = stated || HasSentence(paragraphs[i], statement);
      const Outcome other = OtherDecisionStated(paragraphs[i], decision);
      if (other == Outcome::kUnspecified) continue;
      found.push_back({absl::StrCat(section.field, "[", i, "]"), "NARRATIVE",
                       absl::StrCat("says \"", DecisionStatement(other), "\", but the decision is ",
                                    OutcomeWords(decision), ": \"", statement, "\"")});
    }
    if (section.paragraphs == &Narrative::what_we_found && !stated) {
      found.push_back(
          {section.field, "NARRATIVE",
           absl::StrCat("does not state the decision: the decision is ", OutcomeWords(decision),
                        ", so a paragraph must say \"", statement, "\"")});
    }
  }
  return found;
}

std::vector<RecordDisagreement> RecordDisagreements(const Investigation& investigation,
                                                    Outcome decision) {
  std::vector<RecordDisagreement> found = NarrativeDisagreements(investigation.narrative, decision);
  if (decision == Outcome::kNotUpheld && !investigation.recommendations.empty()) {
    found.push_back({"recommendations", "RECOMMENDATIONS",
                     absl::StrCat("the complaint is not upheld, so nothing is to be put right; "
                                  "remove the ",
                                  investigation.recommendations.size(), " recommendation",
                                  investigation.recommendations.size() == 1 ? "" : "s")});
  }
  return found;
}

}  // namespace redress::investigation
