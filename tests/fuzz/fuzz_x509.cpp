// SPDX-License-Identifier: GPL-3.0-or-later
// X.509 chain building from PEM (the certs/chain.pem of a bundle: leaf first, then intermediates) against the demo
// roots, and CRL parsing. Property (unforgeability): a chain only validates when its leaf is a certificate the demo
// PKI issued (same subject, serial and public key: the demo's certificate contents are deterministic, its ECDSA
// signature bytes are not); any other validating leaf means a signature or path check was skipped.
#include "crypto/chainvalidator.h"
#include "fuzzdemo.h"
#include "fuzzsupport.h"

using namespace capaudit;

namespace {

QString identity(const crypto::Certificate& c)
{
    return c.subject() + QLatin1Char('|') + c.serialHex() + QLatin1Char('|') + c.publicKey().fingerprint();
}

struct Roots {
    crypto::ChainValidator validator;
    QStringList issued; // identity() of every certificate the demo PKI made
};

const Roots& roots()
{
    static const Roots r = [] {
        Roots out;
        const fuzz::DemoWorld& world = fuzz::demoWorld();
        for (const crypto::Certificate& root : world.trust.rootCertificates()) {
            out.validator.addRoot(root);
            out.issued << identity(root);
        }
        auto addChain = [&](const demo::DemoSigner& signer) {
            for (const crypto::Certificate& c : signer.chain)
                out.issued << identity(c);
        };
        for (const demo::ProviderPki& p : world.pki.providers) {
            addChain(p.signer);
            addChain(p.expiredSigner);
        }
        addChain(world.pki.meter);
        return out;
    }();
    return r;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const Roots& r = roots();
    const QByteArray input = fuzz::bytes(data, size);
    (void)crypto::RevocationList::fromPem(input);
    const Result<QList<crypto::Certificate>> chain = crypto::Certificate::listFromPem(input);
    if (!chain.ok() || chain->isEmpty())
        return 0;
    const crypto::ChainResult result = r.validator.validate(chain->first(), chain->mid(1), fuzz::demoWorld().at);
    if (result.ok() && !r.issued.contains(identity(chain->first())))
        fuzz::fail("a certificate the demo PKI never issued validates", QString::fromLatin1(chain->first().toPem()));
    return 0;
}
