// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/publickey.h"
#include "util/result.h"

#include <QList>

namespace capaudit::crypto {

// A C2SP signed note (https://c2sp.org/signed-note) carrying a transparency-log checkpoint
// (https://c2sp.org/tlog-checkpoint): "<origin>\n<size>\n<b64 root>\n[extensions]\n\n— <name> <b64(keyhint||sig)>\n".
struct NoteSignature {
    QString name;
    QByteArray keyHint; // first 4 bytes
    QByteArray signature; // the rest
};

struct Checkpoint {
    QByteArray body; // the signed text, up to and including the blank line's first '\n'
    QString origin;
    quint64 treeSize = 0;
    QByteArray rootHash;
    QList<NoteSignature> signatures;
};

Result<Checkpoint> parseCheckpoint(QByteArrayView note);

// Key hint for KEY under NAME: Ed25519 notes use SHA-256(name || 0x0A || 0x01 || key)[:4] (C2SP),
// ECDSA logs (Rekor v1) use the first 4 bytes of SHA-256(SPKI DER) (the log id).
QByteArray noteKeyHint(const QString& name, const PublicKey& key);

// True when one of the checkpoint's signatures has KEY's hint, the expected NAME (if not empty), and verifies.
struct NoteVerification {
    bool ok = false;
    QString reason;
};
NoteVerification verifyCheckpoint(const Checkpoint& checkpoint, const PublicKey& key, const QString& expectedName = {});

// Signs BODY as a note by NAME (used by the demo transparency log).
Result<QByteArray> signNote(const QByteArray& body, const QString& name, const PrivateKey& key);

} // namespace capaudit::crypto
