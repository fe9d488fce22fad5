// Every text of both translations as the window gets it (the built-in .qm through QTranslator),
// held against its .ts source: no leftovers of a tool's guess such as "{1 ?}", and the same
// %1…%99 placeholders as the English it stands for, so that arg() fills what the source meant.
#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

namespace {

struct Message
{
    QString context;
    QString source;
    // The disambiguation, <comment> in the .ts file.
    QString comment;
    bool numerus = false;
};

QList<Message> messagesOf(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QString context;
    Message current;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("context")) {
            context.clear();
        } else if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            current =
                Message{context,
                        {},
                        {},
                        xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes")};
        } else if (name == QLatin1String("source")) {
            current.source = xml.readElementText();
        } else if (name == QLatin1String("comment")) {
            current.comment = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            // Last in a message: what came before it is the whole key.
            messages.append(current);
            xml.skipCurrentElement();
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

// %1…%99 as arg() reads them; %n is tr()'s own and checked apart.
QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression number(QStringLiteral("%(\\d{1,2})"));
    QSet<QString> found;
    for (auto it = number.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured(0));
    return found;
}

QString joined(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list.join(QLatin1Char(' '));
}

} // namespace

class TestTranslations final : public QObject
{
    Q_OBJECT

private slots:
    void translationsKeepTheirPlaceholders_data();
    void translationsKeepTheirPlaceholders();
};

void TestTranslations::translationsKeepTheirPlaceholders_data()
{
    QTest::addColumn<QString>("locale");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
}

void TestTranslations::translationsKeepTheirPlaceholders()
{
    QFETCH(QString, locale);
    QString error;
    const QList<Message> messages = messagesOf(
        QStringLiteral(LANPIGEON_TS_DIR "/lanpigeon_") + locale + QStringLiteral(".ts"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(messages.size() > 100);
    QTranslator translator;
    QVERIFY(translator.load(QLocale(locale), QStringLiteral("lanpigeon"), QStringLiteral("_"),
                            QStringLiteral(":/i18n")));
    // What lupdate's guesses leave behind, "{1 ?}" or "{2?}", and any other brace around a
    // number and a question mark.
    static const QRegularExpression artefact(QStringLiteral("\\{\\s*\\d+\\s*\\?\\s*\\}?"));
    QStringList wrong;
    int checked = 0;
    for (const Message &m : messages) {
        // Every plural form: 1 and 2 pick apart English's two, Chinese has one.
        const QList<int> counts = m.numerus ? QList<int>{1, 2, 5} : QList<int>{-1};
        for (const int n : counts) {
            const QString text = translator.translate(
                m.context.toUtf8().constData(), m.source.toUtf8().constData(),
                m.comment.isEmpty() ? nullptr : m.comment.toUtf8().constData(), n);
            // Not translated: Qt shows the source, which is right by construction.
            if (text.isEmpty())
                continue;
            ++checked;
            const QString where = QStringLiteral("%1 “%2” (n=%3) → “%4”")
                                      .arg(m.context, m.source, QString::number(n), text);
            if (artefact.match(text).hasMatch())
                wrong << QStringLiteral("leftover: ") + where;
            if (placeholders(text) != placeholders(m.source))
                wrong << QStringLiteral("placeholders %1 for %2: ")
                                 .arg(joined(placeholders(text)), joined(placeholders(m.source))) +
                             where;
            // A plural form without %n is fine ("one file"); a %n where the source has none is
            // never filled.
            if (!m.numerus && text.contains(QLatin1String("%n")) &&
                !m.source.contains(QLatin1String("%n")))
                wrong << QStringLiteral("%n not in the source: ") + where;
            // The window titles call the app 局域网信鸽: every Chinese sentence does the same.
            if (locale == QLatin1String("zh_CN") && text.contains(QLatin1String("LanPigeon")))
                wrong << QStringLiteral("the app named LanPigeon, not 局域网信鸽: ") + where;
        }
    }
    QVERIFY(checked > 100);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
