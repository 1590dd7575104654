// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzzdemo.h"

#include "fuzzsupport.h"

namespace capaudit::fuzz {

const DemoWorld& demoWorld()
{
    static const DemoWorld world = [] {
        DemoWorld w;
        w.config.seed = 1;
        w.config.days = demo::kMinDays;
        w.config.stepSeconds = 3600;
        w.config.providers = 3; // one per payload format family: usage CSV, metrics text, OTLP
        w.config.nodesPerProvider = demo::kMinNodes;
        w.config.faults = {};
        w.model = demo::buildModel(w.config);
        auto pki = demo::buildPki(w.model);
        if (!pki.ok())
            fail("cannot build the demo PKI", pki.error().toString());
        w.pki = *pki;
        auto trust = demo::demoTrustStore(w.model, w.pki);
        if (!trust.ok())
            fail("cannot build the demo trust store", trust.error().toString());
        w.trust = *trust;
        w.at = w.config.start.addDays(1);
        return w;
    }();
    return world;
}

crypto::PrivateKey fuzzLogKey()
{
    auto key = demo::deriveKey(1, QStringLiteral("fuzz-log"), crypto::KeyType::Ed25519);
    if (!key.ok())
        fail("cannot derive the fuzz log key", key.error().toString());
    return *key;
}

QByteArray fuzzLogBody()
{
    return QByteArrayLiteral("fuzz.example/log\n7\nq6wOdWf9ROAa9DF3n/LCvLbHWrkHoaD0YVzZD+HFtnE=\n");
}

} // namespace capaudit::fuzz
