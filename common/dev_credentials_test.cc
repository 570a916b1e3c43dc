// Tests of scripts/dev-credentials, the development certificates common/tls_test runs on: keys
// private, good files kept, missing, expiring and foreign certificates re-issued.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/testing/scratch_dir.h"

namespace redress {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

// The script's exit code and standard output.
struct ScriptRun {
  int exit_code = -1;
  std::string output;
};

ScriptRun RunShell(const std::string& command) {
  ScriptRun run;
  std::FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) run.output += buffer;
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

ScriptRun DevCredentials(const std::string& dir) {
  return RunShell(absl::StrCat(REDRESS_DEV_CREDENTIALS, " ", dir));
}

// Every file of `dir` by name, with its contents.
std::map<std::string, std::string> Contents(const std::string& dir) {
  std::map<std::string, std::string> contents;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    contents[entry.path().filename().string()] = text.str();
  }
  return contents;
}

using std::filesystem::perms;

TEST(DevCredentialsTest, MakesPrivateKeysOnceAndKeepsThem) {
  redress::testing::ScratchDir scratch;
  const std::string dir = scratch.File("credentials");
  const ScriptRun first = DevCredentials(dir);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_THAT(first.output, AllOf(HasSubstr("ca.pem"), HasSubstr("intake.pem"),
                                  HasSubstr("investigation.pem"), HasSubstr("remedy.pem")));
  EXPECT_EQ(std::filesystem::status(dir).permissions() & perms::all, perms::owner_all);
  const std::map<std::string, std::string> made = Contents(dir);
  EXPECT_EQ(made.size(), 8u);  // ca, intake, investigation, remedy: .pem and .key each
  for (const char* key : {"ca.key", "intake.key", "investigation.key", "remedy.key"}) {
    EXPECT_EQ(
        std::filesystem::status(scratch.File(absl::StrCat("credentials/", key))).permissions() &
            perms::all,
        perms::owner_read | perms::owner_write)
        << key;
  }
  const ScriptRun second = DevCredentials(dir);
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_THAT(second.output, HasSubstr("up to date"));
  EXPECT_EQ(Contents(dir), made);
}

TEST(DevCredentialsTest, ReissuesMissingExpiringAndForeignCertificates) {
  redress::testing::ScratchDir scratch;
  const std::string dir = scratch.File("credentials");
  const std::string other = scratch.File("other");
  ASSERT_EQ(DevCredentials(dir).exit_code, 0);
  ASSERT_EQ(DevCredentials(other).exit_code, 0);
  // remedy loses its key; intake's certificate expires tomorrow; investigation's is another CA's.
  std::filesystem::remove(dir + "/remedy.key");
  ASSERT_EQ(RunShell(absl::StrCat("cd ", dir,
                                  " && openssl req -new -key intake.key -subj /CN=intake 2>&1 | "
                                  "openssl x509 -req -CA ca.pem -CAkey ca.key -set_serial 7 "
                                  "-days 1 -out intake.pem 2>&1"))
                .exit_code,
            0);
  for (const char* suffix : {".pem", ".key"}) {
    const std::string name = absl::StrCat("investigation", suffix);
    std::filesystem::copy_file(other + "/" + name, dir + "/" + name,
                               std::filesystem::copy_options::overwrite_existing);
  }
  const std::map<std::string, std::string> before = Contents(dir);
  const ScriptRun run = DevCredentials(dir);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::map<std::string, std::string> after = Contents(dir);
  EXPECT_EQ(after.at("ca.pem"), before.at("ca.pem"));
  EXPECT_EQ(after.size(), 8u);
  for (const char* reissued : {"intake.pem", "investigation.pem", "remedy.pem"}) {
    EXPECT_NE(after.at(reissued), before.at(reissued)) << reissued;
    EXPECT_THAT(run.output, HasSubstr(reissued));
  }
  const ScriptRun verify = RunShell(
      absl::StrCat("cd ", dir,
                   " && openssl verify -CAfile ca.pem intake.pem investigation.pem remedy.pem && "
                   "openssl x509 -in intake.pem -noout -checkend 2592000"));
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

}  // namespace
}  // namespace redress
