// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/certificate.h"
#include "crypto/publickey.h"
#include "demo/demomodel.h"
#include "evidence/truststore.h"

namespace capaudit::demo {

struct DemoSigner {
    crypto::PrivateKey key;
    QList<crypto::Certificate> chain; // signer first, then the intermediate (not the root)
};

struct ProviderPki {
    crypto::Certificate root;
    DemoSigner signer;
    DemoSigner expiredSigner; // only with the expired-certificate fault; same intermediate, notAfter before the period
};

struct DemoPki {
    QList<ProviderPki> providers; // parallel to DemoModel::providers
    crypto::Certificate meterRoot;
    DemoSigner meter; // the independent meter: its own root, no intermediate
    crypto::PrivateKey logKey; // the demo transparency log (Ed25519); only with the log-split-view fault
};

// Keys are derived from the seed (a hash of seed and role gives the private scalar), certificates use fixed serials
// and validity dates relative to the demo start: the same seed gives the same keys and certificate contents. ECDSA
// signature values still differ per run (OpenSSL 3.0 has no deterministic ECDSA); Ed25519 signatures do not.
Result<DemoPki> buildPki(const DemoModel& model);

// Private key for LABEL, derived from SEED. Exposed for the tests.
Result<crypto::PrivateKey> deriveKey(quint64 seed, const QString& label, crypto::KeyType type);

// The trust store an auditor would assemble: one root per provider (role "provider", scoped to that provider), the
// meter root (role "independent-meter", scoped to the provider it meters), and with the log-split-view fault the demo
// log's key (role "transparency-log", origin kDemoLogOrigin).
Result<TrustStore> demoTrustStore(const DemoModel& model, const DemoPki& pki);

} // namespace capaudit::demo
