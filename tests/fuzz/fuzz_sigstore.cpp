// SPDX-License-Identifier: GPL-3.0-or-later
// Sigstore bundle and trusted-root parsing (the same bytes go to both parsers: their JSON shapes share fields, so
// one corpus reaches both). Property: no crash, no sanitizer report, no hang.
#include "fuzzsupport.h"
#include "sigstore/bundle.h"
#include "sigstore/trustedroot.h"

using namespace capaudit;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    (void)sigstore::parseSigstoreBundle(input, QStringLiteral("bundle.sigstore.json"));
    (void)sigstore::parseTrustedRoot(input, QStringLiteral("trusted_root.json"));
    return 0;
}
