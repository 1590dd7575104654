// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The deterministic PKI the seed corpus is signed with: the demo generator's keys for a small configuration, so a
// target (in-process) and capaudit-fuzz-seeds (when it wrote the corpus) derive exactly the same keys and roots.
#include "demo/democonfig.h"
#include "demo/demomodel.h"
#include "demo/demopki.h"
#include "evidence/truststore.h"

namespace capaudit::fuzz {

struct DemoWorld {
    demo::DemoConfig config;
    demo::DemoModel model;
    demo::DemoPki pki;
    TrustStore trust;
    QDateTime at; // a time inside every certificate's validity (certificate checks happen at signed times anyway)
};

// Seed 1, 7 days, hourly samples, three providers with three nodes each, no faults. Built once per process.
const DemoWorld& demoWorld();

// The key the checkpoint target's reference log signs with (Ed25519, derived from the seed: signatures are
// deterministic, so the seed note in the corpus verifies in every run).
crypto::PrivateKey fuzzLogKey();
inline constexpr char kFuzzLogName[] = "fuzz.example/log";
QByteArray fuzzLogBody();

} // namespace capaudit::fuzz
