// SPDX-License-Identifier: GPL-3.0-or-later
// C2SP checkpoint / signed-note parsing and verification, and tlog/proof.json parsing.
// Properties: (1) round trip: a note signed here verifies, and (2) unforgeability: the only input that may verify
// under the fuzzer's key is a note whose signed body is the one signed here (the key never signs anything else).
#include "crypto/signednote.h"
#include "evidence/tlogproof.h"
#include "fuzzdemo.h"
#include "fuzzsupport.h"

using namespace capaudit;

namespace {

struct Log {
    crypto::PrivateKey key;
    QByteArray body;
    QByteArray note;
};

const Log& referenceLog()
{
    static const Log instance = [] {
        Log l;
        l.key = fuzz::fuzzLogKey();
        l.body = fuzz::fuzzLogBody();
        auto note = crypto::signNote(l.body, QString::fromLatin1(fuzz::kFuzzLogName), l.key);
        if (!note.ok())
            fuzz::fail("cannot sign the reference note", note.error().toString());
        l.note = *note;
        auto parsed = crypto::parseCheckpoint(l.note);
        if (!parsed.ok()
            || !crypto::verifyCheckpoint(*parsed, l.key.publicKey(), QString::fromLatin1(fuzz::kFuzzLogName)).ok)
            fuzz::fail("round trip: a freshly signed checkpoint does not verify");
        return l;
    }();
    return instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const Log& reference = referenceLog();
    const QByteArray input = fuzz::bytes(data, size);
    const Result<crypto::Checkpoint> checkpoint = crypto::parseCheckpoint(input);
    if (checkpoint.ok()) {
        const crypto::NoteVerification v = crypto::verifyCheckpoint(*checkpoint, reference.key.publicKey());
        if (v.ok && checkpoint->body != reference.body)
            fuzz::fail("a note the key never signed verifies", QString::fromUtf8(checkpoint->body));
    }
    (void)parseTlogProof(input, QStringLiteral("tlog/proof.json"));
    return 0;
}
