// An amount of money: the domain form of redress.common.v1.Money. Integer minor units and an ISO
// 4217 code, so that no amount is ever rounded (£250.00 is {25000, "GBP"}).
#pragma once

#include <cstdint>
#include <string>

namespace redress {

struct Money {
  int64_t amount_minor = 0;   // pence for GBP; never negative in Redress
  std::string currency_code;  // three capital letters, for example "GBP"

  bool operator==(const Money& o) const {
    return amount_minor == o.amount_minor && currency_code == o.currency_code;
  }
  bool operator!=(const Money& o) const { return !(*this == o); }
};

}  // namespace redress
