// The Python and Node clients' channels from the environment (REDRESS_CA_FILE, REDRESS_TOKEN,
// REDRESS_TOKEN_FILE): tests/client_tls/check.py and check.js each start a TLS and a plaintext
// server in their own language on 127.0.0.1:0 and check what the client built by connect() sends.
// Certificates (scripts/dev-credentials) and tokens (scripts/dev-tokens) are made once here.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/testing/scratch_dir.h"
#include "tests/process.h"

namespace redress::testing {
namespace {

// `command`'s wait status and its output, errors included.
std::pair<int, std::string> RunShellWithErrors(const std::string& command) {
  return RunShell(absl::StrCat(command, " 2>&1"));
}

class ClientTlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir();
    const auto [credentials, credentials_output] = RunShellWithErrors(
        absl::StrCat(REDRESS_SOURCE_DIR, "/scripts/dev-credentials ", dir_->File("dev")));
    ASSERT_EQ(credentials, 0) << credentials_output;
    const auto [tokens, tokens_output] =
        RunShellWithErrors(absl::StrCat("BUILD_DIR=", REDRESS_BUILD_DIR, " ", REDRESS_SOURCE_DIR,
                                        "/scripts/dev-tokens ", dir_->File("dev")));
    ASSERT_EQ(tokens, 0) << tokens_output;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static ScratchDir* dir_;
};

ScratchDir* ClientTlsTest::dir_ = nullptr;

TEST_F(ClientTlsTest, PythonClientUsesTheCaAndSendsTheToken) {
  const std::string clients = REDRESS_SOURCE_DIR "/clients";
  const auto [status, output] = RunShellWithErrors(
      absl::StrCat("bash ", clients, "/python/generate.sh ", dir_->File("gen"), " && ",
                   "PYTHONDONTWRITEBYTECODE=1 REDRESS_PYTHON_GEN=", dir_->File("gen"),
                   " PYTHONPATH=", clients, "/python timeout 30 ", REDRESS_CLIENT_PYTHON, " ",
                   REDRESS_SOURCE_DIR, "/tests/client_tls/check.py ", dir_->File("dev")));
  EXPECT_EQ(status, 0) << output;
}

TEST_F(ClientTlsTest, NodeClientUsesTheCaAndSendsTheToken) {
  const auto [status, output] = RunShellWithErrors(absl::StrCat(
      "timeout 30 ", REDRESS_NODE, " ", REDRESS_SOURCE_DIR, "/tests/client_tls/check.js ",
      REDRESS_SOURCE_DIR, "/clients ", dir_->File("dev")));
  EXPECT_EQ(status, 0) << output;
}

}  // namespace
}  // namespace redress::testing
