#include "services/remedy/case_summary.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace redress::remedy {
namespace {

constexpr char kWhatHappened[] = "What happened";
constexpr char kWhatWeFound[] = "What we found";
constexpr char kPuttingItRight[] = "Putting it right";

std::vector<std::string> SortedUnique(std::vector<std::string> values) {
  // std::string's operator< compares bytes as unsigned char: the "byte value" order.
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

void AppendSection(std::vector<std::string>& lines, const SummarySection& section) {
  if (!section.heading.empty()) lines.push_back(section.heading);
  lines.insert(lines.end(), section.paragraphs.begin(), section.paragraphs.end());
}

void AppendList(std::vector<std::string>& lines, const std::vector<std::string>& values) {
  if (values.empty()) {
    lines.emplace_back(kNotApplicable);
  } else {
    lines.insert(lines.end(), values.begin(), values.end());
  }
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string text;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) text.push_back('\n');
    text.append(lines[i]);
  }
  return text;
}

void AppendIndexed(std::vector<NarrativeParagraph>& out, const std::string& name,
                   const std::vector<std::string>& paragraphs) {
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    out.push_back({"narrative." + name + "[" + std::to_string(i) + "]", paragraphs[i]});
  }
}

}  // namespace

const std::string& RemedyLabel(RecommendationType type) {
  static const auto* const kApology = new std::string("Apology");
  static const auto* const kFinancialLoss = new std::string("Compensation for financial loss");
  static const auto* const kNonFinancialLoss =
      new std::string("Compensation for non-financial loss");
  static const auto* const kPutThingsRight = new std::string("Taking steps to put things right");
  static const auto* const kLearnLessons =
      new std::string("Recommendation to learn lessons or draw up an action plan");
  static const auto* const kUnknown = new std::string();
  switch (type) {
    case RecommendationType::kApology:
      return *kApology;
    case RecommendationType::kFinancialLoss:
      return *kFinancialLoss;
    case RecommendationType::kNonFinancialLoss:
      return *kNonFinancialLoss;
    case RecommendationType::kPutThingsRight:
      return *kPutThingsRight;
    case RecommendationType::kLearnLessons:
      return *kLearnLessons;
  }
  return *kUnknown;
}

CaseSummary RenderCaseSummary(const DecidedCase& decided_case,
                              const std::vector<RecommendationType>& delivered) {
  CaseSummary summary;
  summary.investigation_id = decided_case.investigation_id;
  summary.version = 0;
  summary.jurisdiction = decided_case.jurisdiction;
  summary.decision_sequence = decided_case.decision_sequence;
  summary.organisations = decided_case.organisation_published_names;
  summary.location = decided_case.location;
  summary.complaint_types = SortedUnique(decided_case.complaint_types);

  std::vector<std::string> remedies;
  for (RecommendationType type : delivered) {
    const std::string& label = RemedyLabel(type);
    if (!label.empty()) remedies.push_back(label);
  }
  summary.remedies = SortedUnique(std::move(remedies));

  if (!decided_case.introduction.empty()) {
    summary.sections.push_back({"", decided_case.introduction});
  }
  summary.sections.push_back({kWhatHappened, decided_case.what_happened});
  summary.sections.push_back({kWhatWeFound, decided_case.what_we_found});
  if (!decided_case.putting_it_right.empty()) {
    summary.sections.push_back({kPuttingItRight, decided_case.putting_it_right});
  }

  std::vector<std::string> lines;
  for (const SummarySection& section : summary.sections) AppendSection(lines, section);
  lines.insert(lines.end(), summary.organisations.begin(), summary.organisations.end());
  if (!summary.location.empty()) lines.push_back(summary.location);
  AppendList(lines, summary.complaint_types);
  AppendList(lines, summary.remedies);
  summary.text = JoinLines(lines);
  return summary;
}

std::vector<NarrativeParagraph> NarrativeParagraphs(const DecidedCase& decided_case) {
  std::vector<NarrativeParagraph> out;
  AppendIndexed(out, "introduction", decided_case.introduction);
  AppendIndexed(out, "what_happened", decided_case.what_happened);
  AppendIndexed(out, "what_we_found", decided_case.what_we_found);
  AppendIndexed(out, "putting_it_right", decided_case.putting_it_right);
  return out;
}

}  // namespace redress::remedy
