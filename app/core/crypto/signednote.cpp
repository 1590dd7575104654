// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/signednote.h"

#include "crypto/digest.h"
#include "crypto/signature.h"

#include <openssl/evp.h>

namespace capaudit::crypto {

namespace {

// U+2014 EM DASH followed by a space starts every signature line.
constexpr QByteArrayView kSignaturePrefix("\xE2\x80\x94 ");
constexpr char kEd25519Type = 0x01;

Error noteError(qint64 line, const QString& field, const QString& reason)
{
    return Error(QStringLiteral("checkpoint"), line, field, reason);
}

// tlog-checkpoint: the tree size is plain ASCII decimal, no sign and no leading zeros.
std::optional<quint64> parseTreeSize(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 20 || (text.size() > 1 && text.front() == '0'))
        return std::nullopt;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
    }
    bool ok = false;
    const quint64 value = text.toULongLong(&ok);
    if (!ok)
        return std::nullopt;
    return value;
}

std::optional<QByteArray> strictBase64(QByteArrayView text)
{
    auto decoded = QByteArray::fromBase64Encoding(text.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return decoded.decoded;
}

QByteArray rawEd25519(const PublicKey& key)
{
    size_t length = 0;
    if (key.isNull() || EVP_PKEY_get_raw_public_key(key.native(), nullptr, &length) != 1 || length != 32)
        return {};
    QByteArray raw(qsizetype(length), Qt::Uninitialized);
    if (EVP_PKEY_get_raw_public_key(key.native(), reinterpret_cast<unsigned char*>(raw.data()), &length) != 1)
        return {};
    return raw;
}

SignatureParams paramsFor(const PublicKey& key)
{
    SignatureParams params;
    if (key.type() != KeyType::Ed25519) {
        // Rekor v1 signs the note body with ECDSA over SHA-256 and DER encoding.
        params.hash = HashAlgorithm::Sha256;
        params.ecdsaEncoding = EcdsaEncoding::Der;
    }
    return params;
}

bool validKeyName(const QString& name)
{
    if (name.isEmpty())
        return false;
    for (const QChar c : name) {
        if (c.isSpace() || c == QLatin1Char('+'))
            return false;
    }
    return true;
}

} // namespace

Result<Checkpoint> parseCheckpoint(QByteArrayView note)
{
    const qsizetype separator = note.indexOf(QByteArrayView("\n\n"));
    if (separator < 0)
        return noteError(
            0, QStringLiteral("note"), QStringLiteral("no blank line between the note text and its signatures"));

    Checkpoint checkpoint;
    checkpoint.body = note.first(separator + 1).toByteArray();
    const QList<QByteArray> lines = checkpoint.body.chopped(1).split('\n');
    if (lines.size() < 3)
        return noteError(qint64(lines.size()) + 1, {},
            QStringLiteral("a checkpoint needs origin, tree size and root hash lines, found %1 line(s)")
                .arg(lines.size()));
    if (lines.at(0).isEmpty())
        return noteError(1, QStringLiteral("origin"), QStringLiteral("the origin line is empty"));
    checkpoint.origin = QString::fromUtf8(lines.at(0));

    const auto size = parseTreeSize(lines.at(1));
    if (!size)
        return noteError(2, QStringLiteral("size"),
            QStringLiteral("'%1' is not a decimal tree size").arg(QString::fromUtf8(lines.at(1))));
    checkpoint.treeSize = *size;

    const auto root = strictBase64(lines.at(2));
    if (!root || root->isEmpty())
        return noteError(3, QStringLiteral("root"),
            QStringLiteral("'%1' is not a base64 root hash").arg(QString::fromUtf8(lines.at(2))));
    checkpoint.rootHash = *root;
    for (qsizetype i = 3; i < lines.size(); ++i) {
        if (lines.at(i).isEmpty())
            return noteError(i + 1, QStringLiteral("extension"), QStringLiteral("empty extension line"));
    }

    const QByteArrayView rest = note.sliced(separator + 2);
    if (rest.isEmpty() || !rest.endsWith('\n'))
        return noteError(qint64(lines.size()) + 2, QStringLiteral("signature"),
            QStringLiteral("signature lines are missing or do not end with a newline"));
    const QList<QByteArray> signatureLines = rest.chopped(1).toByteArray().split('\n');
    qint64 lineNo = qint64(lines.size()) + 2;
    for (const QByteArray& line : signatureLines) {
        if (!line.startsWith(kSignaturePrefix))
            return noteError(
                lineNo, QStringLiteral("signature"), QStringLiteral("signature line does not start with '— '"));
        const QByteArray content = line.mid(kSignaturePrefix.size());
        const qsizetype space = content.lastIndexOf(' ');
        if (space <= 0)
            return noteError(lineNo, QStringLiteral("signature"), QStringLiteral("signature line has no key name"));
        NoteSignature signature;
        signature.name = QString::fromUtf8(content.first(space));
        if (!validKeyName(signature.name))
            return noteError(lineNo, QStringLiteral("signature"),
                QStringLiteral("key name '%1' contains a space or '+'").arg(signature.name));
        const auto decoded = strictBase64(content.mid(space + 1));
        if (!decoded || decoded->size() < 5)
            return noteError(lineNo, QStringLiteral("signature"),
                QStringLiteral("signature of '%1' is not base64 of a key hint and a signature").arg(signature.name));
        signature.keyHint = decoded->first(4);
        signature.signature = decoded->mid(4);
        checkpoint.signatures.append(signature);
        ++lineNo;
    }
    return checkpoint;
}

QByteArray noteKeyHint(const QString& name, const PublicKey& key)
{
    if (key.isNull())
        return {};
    if (key.type() == KeyType::Ed25519) {
        const QByteArray raw = rawEd25519(key);
        if (raw.isEmpty())
            return {};
        QByteArray input = name.toUtf8();
        input.append('\n');
        input.append(kEd25519Type);
        input.append(raw);
        return sha256(input).first(4);
    }
    return sha256(key.spkiDer()).first(4);
}

NoteVerification verifyCheckpoint(const Checkpoint& checkpoint, const PublicKey& key, const QString& expectedName)
{
    if (key.isNull())
        return { false, QStringLiteral("no verification key for the checkpoint") };
    QStringList seen;
    for (const NoteSignature& signature : checkpoint.signatures) {
        seen.append(signature.name);
        if (!expectedName.isEmpty() && signature.name != expectedName)
            continue;
        // Lines from other keys (witness cosignatures, a second log key) are skipped, not failures.
        if (signature.keyHint != noteKeyHint(signature.name, key))
            continue;
        const SignatureResult result = verifySignature(key, checkpoint.body, signature.signature, paramsFor(key));
        if (!result.ok())
            return { false,
                QStringLiteral("checkpoint signature by '%1' does not verify: %2").arg(signature.name, result.reason) };
        return { true, {} };
    }
    const QString who =
        expectedName.isEmpty() ? QStringLiteral("the log key") : QStringLiteral("'%1'").arg(expectedName);
    return { false,
        QStringLiteral("no checkpoint signature from %1 (key hint %2); signatures present: %3")
            .arg(who, QString::fromLatin1(noteKeyHint(expectedName, key).toHex()),
                seen.isEmpty() ? QStringLiteral("none") : seen.join(QStringLiteral(", "))) };
}

Result<QByteArray> signNote(const QByteArray& body, const QString& name, const PrivateKey& key)
{
    if (body.isEmpty() || !body.endsWith('\n') || body.contains(QByteArrayView("\n\n")))
        return Error(QStringLiteral("note"), 0, QStringLiteral("body"),
            QStringLiteral("note text must be non-empty, end with a newline and contain no blank line"));
    if (!validKeyName(name))
        return Error(QStringLiteral("note"), 0, QStringLiteral("name"),
            QStringLiteral("key name '%1' is empty or contains a space or '+'").arg(name));
    if (key.isNull())
        return Error(QStringLiteral("note"), 0, QStringLiteral("key"), QStringLiteral("no signing key"));
    const PublicKey publicKey = key.publicKey();
    auto signature = sign(key, body, paramsFor(publicKey));
    if (!signature)
        return signature.error();
    const QByteArray hint = noteKeyHint(name, publicKey);
    if (hint.size() != 4)
        return Error(QStringLiteral("note"), 0, QStringLiteral("key"), QStringLiteral("cannot derive a key hint"));
    QByteArray note = body;
    note += '\n';
    note += kSignaturePrefix.toByteArray();
    note += name.toUtf8();
    note += ' ';
    note += (hint + *signature).toBase64();
    note += '\n';
    return note;
}

} // namespace capaudit::crypto
