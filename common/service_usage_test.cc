#include "common/service_usage.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"

// A flag of this file (under common/), whose help is long enough to wrap.
ABSL_FLAG(int, usage_test_flag, 7,
          "what this flag means, told at length so that the help text has to wrap it onto a "
          "second line instead of running past a hundred columns of the terminal");

namespace redress {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

TEST(SourceTreeFileTest, NamesOurFilesFromTheSourceTreeWhateverTheCheckoutPath) {
  EXPECT_EQ(SourceTreeFile("/home/ann/redress/common/server_flags.cc"), "common/server_flags.cc");
  EXPECT_EQ(SourceTreeFile("../services/intake/main.cc"), "services/intake/main.cc");
  EXPECT_EQ(SourceTreeFile("common/auth/auth_flags.cc"), "common/auth/auth_flags.cc");
  // The checkout's own path may hold one of the folder names: the last one is the tree's.
  EXPECT_EQ(SourceTreeFile("/srv/services/redress/common/security_flags.cc"),
            "common/security_flags.cc");
  EXPECT_EQ(SourceTreeFile("/srv/common/redress/services/remedy/main.cc"),
            "services/remedy/main.cc");
}

TEST(SourceTreeFileTest, LeavesOtherFilesOut) {
  EXPECT_EQ(SourceTreeFile("/build/abseil/absl/flags/parse.cc"), "");
  EXPECT_EQ(SourceTreeFile("/src/notcommon/flags.cc"), "");  // only a whole path segment
  EXPECT_EQ(SourceTreeFile(""), "");
}

TEST(ServiceHelpTest, ListsOurFlagsWithDefaultAndMeaningAfterTheUsage) {
  const std::string help = ServiceHelp("tester: what the tester does.");
  EXPECT_THAT(help, StartsWith("tester: what the tester does.\n\n"));
  EXPECT_THAT(help, HasSubstr("\n  common/service_usage_test.cc:\n"
                              "    --usage_test_flag (default: 7)\n"
                              "        what this flag means,"));
  EXPECT_THAT(help, Not(HasSubstr("--flagfile")));  // Abseil's own
  std::istringstream lines(help);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_LE(line.size(), 100u) << line;
  }
  // The meaning wraps onto indented lines and reads back whole.
  std::istringstream entry(help.substr(help.find("--usage_test_flag")));
  std::string line;
  std::getline(entry, line);
  std::string meaning;
  int meaning_lines = 0;
  while (std::getline(entry, line) && line.rfind("        ", 0) == 0) {
    meaning += (meaning.empty() ? "" : " ") + line.substr(8);
    ++meaning_lines;
  }
  EXPECT_EQ(meaning_lines, 2);
  EXPECT_EQ(meaning, absl::GetFlagReflectionHandle(FLAGS_usage_test_flag).Help());
}

}  // namespace
}  // namespace redress
