<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/attach/attachplan.cpp" line="+83"/>
        <source>Skipped: %1</source>
        <translation>Übersprungen: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Checking the dropped files was cancelled.</source>
        <translation>Die Prüfung der abgelegten Dateien wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cannot be read: %1</source>
        <translation>Nicht lesbar: %1</translation>
    </message>
    <message>
        <location filename="../ui/agents/agentsdialog.cpp" line="+41"/>
        <source>tenant_default: the tenant&apos;s primary store</source>
        <translation>tenant_default: der Standardspeicher des Mandanten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>explicit: the stores bound to it</source>
        <translation>explicit: die daran gebundenen Speicher</translation>
    </message>
    <message>
        <location filename="../ui/activity/activitydialog.cpp" line="+57"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>vd::ui::ActivityDialog</name>
    <message>
        <location line="+15"/>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What this window has done lately, newest first. Select an operation to see its log lines; copy a request id to find it in the JSON log or the audit trail.</source>
        <translation>Was dieses Fenster zuletzt getan hat, neueste zuerst. Wählen Sie einen Vorgang aus, um seine Protokollzeilen zu sehen; kopieren Sie eine Anfrage-ID, um sie im JSON-Protokoll oder im Prüfprotokoll zu finden.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+40"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Operation</source>
        <translation>Vorgang</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tenant</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+24"/>
        <location line="+16"/>
        <source>Request id</source>
        <translation>Anfrage-ID</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Measure</source>
        <translation>Messgröße</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Debug and above</source>
        <translation>Debug und höher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Info and above</source>
        <translation>Info und höher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Category contains, e.g. engine</source>
        <translation>Kategorie enthält, z. B. engine</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Copy request id</source>
        <translation>Anfrage-ID &amp;kopieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log:</source>
        <translation>Protokoll:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>The last ingestion of %1 in this window: request %2, %3.</source>
        <translation>Letzte Indizierung von %1 in diesem Fenster: Anfrage %2, %3.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This window has not ingested %1 since it started: its log lines are in the JSON log of the process that did (vectordesk serve, --sync or another window), under the file&apos;s name.</source>
        <translation>Dieses Fenster hat %1 seit seinem Start nicht indiziert: Die Protokollzeilen stehen im JSON-Protokoll des Prozesses, der es getan hat (vectordesk serve, --sync oder ein anderes Fenster), unter dem Namen der Datei.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>ok</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attach (the call)</source>
        <translation>Hinzufügen (der Aufruf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ingestion (attach to done)</source>
        <translation>Indizierung (vom Hinzufügen bis fertig)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OpenAI request</source>
        <translation>OpenAI-Anfrage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync pass</source>
        <translation>Synchronisierungslauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chunks ingested</source>
        <translation>Indizierte Abschnitte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bytes ingested</source>
        <translation>Indizierte Bytes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quota refusals</source>
        <translation>Ablehnungen wegen Kontingent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OpenAI retries</source>
        <translation>OpenAI-Wiederholungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OpenAI errors</source>
        <translation>OpenAI-Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trace spans dropped</source>
        <translation>Verworfene Trace-Spans</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>reading…</source>
        <translation>wird gelesen…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Files waiting for ingestion</source>
        <translation>Dateien, die auf Indizierung warten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Oldest waiting since</source>
        <translation>Älteste wartet seit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Read from the database at %1.</source>
        <translation>Aus der Datenbank gelesen um %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading the queue from the database…</source>
        <translation>Warteschlange wird aus der Datenbank gelesen…</translation>
    </message>
</context>
<context>
    <name>vd::ui::AdminActions</name>
    <message>
        <location filename="../ui/admin/adminactions.cpp" line="+50"/>
        <source>&amp;Members and roles…</source>
        <translation>&amp;Mitglieder und Rollen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who may work in each tenant, and with which role</source>
        <translation>Wer in welchem Mandanten mit welcher Rolle arbeiten darf</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Tenants and plans…</source>
        <translation>Ma&amp;ndanten und Tarife…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create and rename tenants, change their plan and its overrides</source>
        <translation>Mandanten anlegen und umbenennen, ihren Tarif und dessen Anpassungen ändern</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Au&amp;dit log…</source>
        <translation>&amp;Prüfprotokoll…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who changed what in a tenant, and when</source>
        <translation>Wer was in einem Mandanten geändert hat, und wann</translation>
    </message>
</context>
<context>
    <name>vd::ui::AdminDialog</name>
    <message>
        <location filename="../ui/admin/admindialog.cpp" line="+22"/>
        <source>Tenant</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Select a tenant first.</source>
        <translation>Wählen Sie zuerst einen Mandanten aus.</translation>
    </message>
</context>
<context>
    <name>vd::ui::AgentsDialog</name>
    <message>
        <location filename="../ui/agents/agentsdialog.cpp" line="+16"/>
        <source>Agents of %1</source>
        <translation>Agenten von %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Agents and their status</source>
        <translation>Agenten und ihr Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete agent…</source>
        <translation>Agent &amp;löschen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New agent name</source>
        <translation>Name des neuen Agenten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. support</source>
        <translation>z. B. support</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New agent binding mode</source>
        <translation>Bindungsmodus des neuen Agenten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New agent&apos;s first store</source>
        <translation>Erster Speicher des neuen Agenten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;reate agent</source>
        <translation>Agent &amp;anlegen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+72"/>
        <source>Searches</source>
        <translation>Durchsucht</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>First store</source>
        <translation>Erster Speicher</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New agent</source>
        <translation>Neuer Agent</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+58"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location line="-56"/>
        <location line="+57"/>
        <source>Consumer</source>
        <translation>Client</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Binding mode</source>
        <translation>Bindungsmodus</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bound stores</source>
        <translation>Gebundene Speicher</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Store to bind</source>
        <translation>Zu bindender Speicher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Bind</source>
        <translation>&amp;Binden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Unbind</source>
        <translation>L&amp;ösen</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+47"/>
        <source>file_search options</source>
        <translation>file_search-Optionen</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tool JSON</source>
        <translation>Tool-JSON</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Copy tool JSON</source>
        <translation>Tool-JSON &amp;kopieren</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Query</source>
        <translation>Abfrage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A question the agent would search for</source>
        <translation>Eine Frage, nach der der Agent suchen würde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Try as this agent</source>
        <translation>Als dieser Agent &amp;testen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the model receives</source>
        <translation>Was das Modell erhält</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Stores</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Tool JSON for the Responses API</source>
        <translation>Tool-JSON für die Responses API</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Loading the tenant…</source>
        <translation>Mandant wird geladen…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Loading agents…</source>
        <translation>Agenten werden geladen…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>(none yet)</source>
        <translation>(noch keine)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No agents yet: name one under New agent.</source>
        <translation>Noch keine Agenten: Legen Sie unter „Neuer Agent“ einen an.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n agent(s)</source>
        <translation>
            <numerusform>%n Agent</numerusform>
            <numerusform>%n Agenten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Select an agent first.</source>
        <translation>Wählen Sie zuerst einen Agenten aus.</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+6"/>
        <location line="+7"/>
        <location line="+10"/>
        <location line="+7"/>
        <source>A change is running…</source>
        <translation>Eine Änderung läuft…</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Create the agent in %1</source>
        <translation>Agenten in %1 anlegen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Delete the selected agent; its applications can no longer fetch its tool</source>
        <translation>Den ausgewählten Agenten löschen; seine Anwendungen können sein Tool nicht mehr abrufen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save description, consumer, binding mode and options</source>
        <translation>Beschreibung, Client, Bindungsmodus und Optionen speichern</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The agent follows the tenant&apos;s primary store; choose explicit under Searches and save first.</source>
        <translation>Der Agent folgt dem Standardspeicher des Mandanten; wählen Sie zuerst unter „Durchsucht“ explicit und speichern Sie.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every store of %1 is bound already.</source>
        <translation>Alle Speicher von %1 sind bereits gebunden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bind the chosen store to the agent</source>
        <translation>Den gewählten Speicher an den Agenten binden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Select a bound store first.</source>
        <translation>Wählen Sie zuerst einen gebundenen Speicher aus.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unbind the selected store from the agent</source>
        <translation>Den ausgewählten Speicher vom Agenten lösen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Name the agent.</source>
        <translation>Geben Sie dem Agenten einen Namen.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The options are not a JSON object: %1.</source>
        <translation>Die Optionen sind kein JSON-Objekt: %1.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Saved agent %1.</source>
        <translation>Agent %1 gespeichert.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Created agent %1.</source>
        <translation>Agent %1 angelegt.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Delete agent %1?</source>
        <translation>Agent %1 löschen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete agent %1 of %2?</source>
        <translation>Agent %1 von %2 löschen?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Applications that fetch its tool (vectordesk agent tool, GET /v1/agents/%1/file_search_tool) get an error from now on. Its stores are kept.</source>
        <translation>Anwendungen, die sein Tool abrufen (vectordesk agent tool, GET /v1/agents/%1/file_search_tool), erhalten ab jetzt einen Fehler. Seine Speicher bleiben erhalten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete agent</source>
        <translation>Agent löschen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Deleted agent %1.</source>
        <translation>Agent %1 gelöscht.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Bound %1 to agent %2.</source>
        <translation>%1 an Agent %2 gebunden.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Unbound %1 from agent %2.</source>
        <translation>%1 von Agent %2 gelöst.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Searching as %1…</source>
        <translation>Suche als %1…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>What the model receives:
</source>
        <translation>Was das Modell erhält:
</translation>
    </message>
</context>
<context>
    <name>vd::ui::AttachJob</name>
    <message>
        <location filename="../ui/attach/attachjob.cpp" line="+33"/>
        <source>The database did not open: %1</source>
        <translation>Die Datenbank ließ sich nicht öffnen: %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Cancelled before its turn.</source>
        <translation>Abgebrochen, bevor die Datei an der Reihe war.</translation>
    </message>
</context>
<context>
    <name>vd::ui::AttachModel</name>
    <message>
        <location filename="../ui/attach/attachmodel.cpp" line="+112"/>
        <source>Will be attached</source>
        <translation>Wird hinzugefügt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Will be refused: %1</source>
        <translation>Wird abgelehnt: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Refused: %1</source>
        <translation>Abgelehnt: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attaching…</source>
        <translation>Hinzufügen läuft…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Attached; indexing failed</source>
        <translation>Hinzugefügt; Indizierung fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Indexing failed: %1</source>
        <translation>Indizierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attached · %1</source>
        <translation>Hinzugefügt · %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skipped: cancelled before its turn</source>
        <translation>Übersprungen: abgebrochen, bevor die Datei an der Reihe war</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>vd::ui::AttachSheet</name>
    <message>
        <location filename="../ui/attach/attachsheet.cpp" line="+33"/>
        <source>Attach files</source>
        <translation>Dateien hinzufügen</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Files to attach</source>
        <translation>Hinzuzufügende Dateien</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>C&amp;hunking</source>
        <translation>&amp;Abschnittsbildung</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Att&amp;ributes…</source>
        <translation>Att&amp;ribute…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give every attached file attributes that search filters match</source>
        <translation>Allen hinzugefügten Dateien Attribute zuweisen, die Suchfilter prüfen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Attributes of the attached files</source>
        <translation>Attribute der hinzugefügten Dateien</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Overall attach progress</source>
        <translation>Gesamtfortschritt des Hinzufügens</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Retry failed</source>
        <translation>Fehlgeschlagene wiederholen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retry the files that failed</source>
        <translation>Das Hinzufügen der fehlgeschlagenen Dateien wiederholen</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+195"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="-192"/>
        <location line="+221"/>
        <source>Attach</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>Attached %1 to %2</source>
        <translation>%1 zu %2 hinzugefügt</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln Datei</numerusform>
            <numerusform>%Ln Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <location line="+107"/>
        <source>%Ln failed</source>
        <translation>
            <numerusform>%Ln fehlgeschlagen</numerusform>
            <numerusform>%Ln fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-105"/>
        <location line="+107"/>
        <source>%Ln skipped</source>
        <translation>
            <numerusform>%Ln übersprungen</numerusform>
            <numerusform>%Ln übersprungen</numerusform>
        </translation>
    </message>
    <message>
        <location line="-73"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the attach report</source>
        <translation>Den Bericht zum Hinzufügen schließen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel attaching</source>
        <translation>Hinzufügen abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel without attaching</source>
        <translation>Abbrechen, ohne hinzuzufügen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the store</source>
        <translation>dem Speicher</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>Attach to %1</source>
        <translation>Hinzufügen zu %1</translation>
    </message>
    <message numerus="yes">
        <location line="-5"/>
        <source>Checking %Ln dropped item(s)…</source>
        <translation>
            <numerusform>%Ln abgelegtes Element wird geprüft…</numerusform>
            <numerusform>%Ln abgelegte Elemente werden geprüft…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%Ln file(s) will be attached</source>
        <translation>
            <numerusform>%Ln Datei wird hinzugefügt</numerusform>
            <numerusform>%Ln Dateien werden hinzugefügt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <location line="+36"/>
        <source>%Ln refused</source>
        <translation>
            <numerusform>%Ln abgelehnt</numerusform>
            <numerusform>%Ln abgelehnt</numerusform>
        </translation>
    </message>
    <message>
        <location line="-35"/>
        <source>nothing is written until you confirm</source>
        <translation>ohne Ihre Bestätigung wird nichts geschrieben</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Attach %Ln file(s)</source>
        <translation>
            <numerusform>%Ln Datei hinzufügen</numerusform>
            <numerusform>%Ln Dateien hinzufügen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Nothing to attach</source>
        <translation>Nichts hinzuzufügen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Attaching to %1</source>
        <translation>Wird zu %1 hinzugefügt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 done</source>
        <translation>%1 von %2 erledigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+21"/>
        <source>%v of %m files</source>
        <translation>%v von %m Dateien</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Attach report · %1</source>
        <translation>Bericht zum Hinzufügen · %1</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%Ln attached</source>
        <translation>
            <numerusform>%Ln hinzugefügt</numerusform>
            <numerusform>%Ln hinzugefügt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vd::ui::AuditDialog</name>
    <message>
        <location filename="../ui/admin/auditdialog.cpp" line="+31"/>
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tenant:</source>
        <translation>Mandant:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Filter by operator</source>
        <translation>Nach Benutzer filtern</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+28"/>
        <source>Operator</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Filter by action</source>
        <translation>Nach Aktion filtern</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+110"/>
        <source>Any action</source>
        <translation>Alle Aktionen</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>Filter by time</source>
        <translation>Nach Zeitraum filtern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any time</source>
        <translation>Beliebiger Zeitraum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Newest</source>
        <translation>Neueste</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How many of the newest entries to load</source>
        <translation>Wie viele der neuesten Einträge geladen werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> entries</source>
        <translation> Einträge</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Detail</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit log entries</source>
        <translation>Einträge des Prüfprotokolls</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Request %1</source>
        <translation>Anfrage %1</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>The newest %Ln matching entry(s); load more to look further back.</source>
        <translation>
            <numerusform>Der neueste passende Eintrag; laden Sie mehr, um weiter zurückzublicken.</numerusform>
            <numerusform>Die neuesten %Ln passenden Einträge; laden Sie mehr, um weiter zurückzublicken.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The newest %Ln entry(s); load more to look further back.</source>
        <translation>
            <numerusform>Der neueste Eintrag; laden Sie mehr, um weiter zurückzublicken.</numerusform>
            <numerusform>Die neuesten %Ln Einträge; laden Sie mehr, um weiter zurückzublicken.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln entry(s) match(es).</source>
        <translation>
            <numerusform>%Ln Eintrag passt.</numerusform>
            <numerusform>%Ln Einträge passen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln entry(s).</source>
        <translation>
            <numerusform>%Ln Eintrag.</numerusform>
            <numerusform>%Ln Einträge.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vd::ui::ChunkModel</name>
    <message>
        <location filename="../ui/files/chunkmodel.cpp" line="+165"/>
        <source>Byte offsets in the extracted text</source>
        <translation>Byte-Positionen im extrahierten Text</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Chunk</source>
        <translation>Abschnitt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
</context>
<context>
    <name>vd::ui::ChunkingEditor</name>
    <message>
        <location filename="../ui/widgets/chunkingeditor.cpp" line="+27"/>
        <source>Chunking</source>
        <translation>Abschnittsbildung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automatic (800-token chunks, 400 overlap)</source>
        <translation>Automatisch (Abschnitte mit 800 Token, 400 Überlappung)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fixed size</source>
        <translation>Feste Größe</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Tokens per chunk</source>
        <translation>Token pro Abschnitt</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+8"/>
        <source> tokens</source>
        <translation> Token</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Tokens per chunk: %1 to %2.</source>
        <translation>Token pro Abschnitt: %1 bis %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Overlap between chunks in tokens</source>
        <translation>Überlappung zwischen Abschnitten in Token</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tokens each chunk repeats from the one before: at most half the chunk size.</source>
        <translation>Token, die jeder Abschnitt vom vorigen wiederholt: höchstens die halbe Abschnittsgröße.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>chunks of</source>
        <translation>Abschnitte mit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>overlap</source>
        <translation>Überlappung</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The store&apos;s: %1</source>
        <translation>Vorgabe des Speichers: %1</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>fixed, %1-token chunks, %2 overlap</source>
        <translation>fest, Abschnitte mit %1 Token, %2 Überlappung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>An overlap of %1 tokens is too large for %2-token chunks; use 0 to %3.</source>
        <translation>Eine Überlappung von %1 Token ist für Abschnitte mit %2 Token zu groß; verwenden Sie 0 bis %3.</translation>
    </message>
</context>
<context>
    <name>vd::ui::FilePage</name>
    <message>
        <location filename="../ui/files/filepage.cpp" line="+40"/>
        <source>File id</source>
        <translation>Datei-ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Indexed</source>
        <translation>Indiziert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chunking</source>
        <translation>Abschnittsbildung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attributes</source>
        <translation>Attribute</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attached</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status since</source>
        <translation>Status seit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detached</source>
        <translation>Entfernt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+181"/>
        <source>File %1</source>
        <translation>Datei %1</translation>
    </message>
    <message>
        <location line="-178"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Chunks of the file</source>
        <translation>Abschnitte der Datei</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The selected chunk</source>
        <translation>Der ausgewählte Abschnitt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a chunk to read it whole.</source>
        <translation>Wählen Sie einen Abschnitt aus, um ihn vollständig zu lesen.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Retry</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ca&amp;ncel processing</source>
        <translation>Verarbeitung a&amp;bbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit &amp;attributes…</source>
        <translation>&amp;Attribute bearbeiten…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Detach…</source>
        <translation>&amp;Entfernen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;store</source>
        <translation>Wieder&amp;herstellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Log lines…</source>
        <translation>&amp;Protokollzeilen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The log lines of this file&apos;s last ingestion in this window (View › Activity)</source>
        <translation>Die Protokollzeilen der letzten Indizierung dieser Datei in diesem Fenster (Ansicht › Aktivität)</translation>
    </message>
    <message>
        <location line="+53"/>
        <location line="+1"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (detached)</source>
        <translation>%1 (entfernt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (%2 bytes)</source>
        <translation>%1 (%2 Bytes)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Static: %1-token chunks, %2 overlap</source>
        <translation>Statisch: Abschnitte mit %1 Token, %2 Überlappung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Automatic (%1-token chunks, %2 overlap)</source>
        <translation>Automatisch (Abschnitte mit %1 Token, %2 Überlappung)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This file is detached from %1: it is not searchable. Restore it to attach it again with its chunks.</source>
        <translation>Diese Datei wurde aus %1 entfernt: Sie ist nicht durchsuchbar. Stellen Sie sie wieder her, um sie mit ihren Abschnitten erneut hinzuzufügen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The file is detached; restore it to read its chunks.</source>
        <translation>Die Datei wurde entfernt; stellen Sie sie wieder her, um ihre Abschnitte zu lesen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is not indexed yet; its chunks appear when it is.</source>
        <translation>Die Datei ist noch nicht indiziert; ihre Abschnitte erscheinen, sobald sie es ist.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file failed to index, so it has no chunks. Fix the cause (Last error) and press Retry.</source>
        <translation>Die Indizierung der Datei ist fehlgeschlagen, daher hat sie keine Abschnitte. Beheben Sie die Ursache (siehe „Letzter Fehler“) und klicken Sie auf „Wiederholen“.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Processing was cancelled; press Retry to index the file.</source>
        <translation>Die Verarbeitung wurde abgebrochen; klicken Sie auf „Wiederholen“, um die Datei zu indizieren.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading chunks…</source>
        <translation>Abschnitte werden geladen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file has no chunks (no text could be extracted).</source>
        <translation>Die Datei hat keine Abschnitte (es ließ sich kein Text extrahieren).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Chunks</source>
        <translation>Abschnitte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chunks 0–%1 loaded; more load as you scroll</source>
        <translation>Abschnitte 0–%1 geladen; weitere werden beim Scrollen geladen</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln chunk(s)</source>
        <translation>
            <numerusform>%Ln Abschnitt</numerusform>
            <numerusform>%Ln Abschnitte</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Chunk %1 · %2 tokens · bytes %3–%4</source>
        <translation>Abschnitt %1 · %2 Token · Bytes %3–%4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the dimmed start repeats the end of chunk %1</source>
        <translation>der abgeblendete Anfang wiederholt das Ende von Abschnitt %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Only failed, cancelled or stuck files can be retried.</source>
        <translation>Nur fehlgeschlagene, abgebrochene oder hängende Dateien können erneut verarbeitet werden.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Put the file back in the indexing queue</source>
        <translation>Die Datei wieder in die Indizierungswarteschlange stellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only files in progress can be cancelled.</source>
        <translation>Nur Dateien in Bearbeitung können abgebrochen werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop processing the file</source>
        <translation>Die Verarbeitung der Datei beenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore the file to edit its attributes.</source>
        <translation>Stellen Sie die Datei wieder her, um ihre Attribute zu bearbeiten.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the attributes search filters match</source>
        <translation>Die Attribute bearbeiten, die Suchfilter prüfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is already detached.</source>
        <translation>Die Datei wurde bereits entfernt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the file from the store (it goes to the trash)</source>
        <translation>Die Datei aus dem Speicher entfernen (sie kommt in den Papierkorb)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is attached.</source>
        <translation>Die Datei ist hinzugefügt.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Attach the file again, its chunks searchable</source>
        <translation>Die Datei erneut hinzufügen, ihre Abschnitte wieder durchsuchbar</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Retrying %1</source>
        <translation>%1 wird erneut verarbeitet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled %1</source>
        <translation>%1 abgebrochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restored file %1</source>
        <translation>Datei %1 wiederhergestellt</translation>
    </message>
</context>
<context>
    <name>vd::ui::FilePanel</name>
    <message>
        <location filename="../ui/panels/filepanel.cpp" line="+51"/>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>E&amp;xport files…</source>
        <translation>Dateien e&amp;xportieren…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the store&apos;s files (those the filter matches) as CSV or JSON (Ctrl+Shift+X)</source>
        <translation>Die Dateien des Speichers (die zum Filter passen) als CSV oder JSON speichern (Strg+Umschalt+X)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export the files</source>
        <translation>Dateien exportieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Filter by name…</source>
        <translation>Nach Name filtern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter files by name</source>
        <translation>Dateien nach Name filtern</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Last attach report</source>
        <translation>Letzter Bericht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the last attach report</source>
        <translation>Den letzten Bericht zum Hinzufügen anzeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show what the last attach did, file by file</source>
        <translation>Anzeigen, was beim letzten Hinzufügen geschah, Datei für Datei</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The files of the selected store</source>
        <translation>Die Dateien des ausgewählten Speichers</translation>
    </message>
    <message>
        <location line="+172"/>
        <source>counting files…</source>
        <translation>Dateien werden gezählt…</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <location line="+92"/>
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln Datei</numerusform>
            <numerusform>%Ln Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-90"/>
        <source>%Ln match(es)</source>
        <translation>
            <numerusform>%Ln Treffer</numerusform>
            <numerusform>%Ln Treffer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln loaded, scroll for more</source>
        <translation>
            <numerusform>%Ln geladen, für mehr scrollen</numerusform>
            <numerusform>%Ln geladen, für mehr scrollen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Select a store to see its files.</source>
        <translation>Wählen Sie einen Speicher aus, um seine Dateien zu sehen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading the files of %1…</source>
        <translation>Dateien von %1 werden geladen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The files of %1 could not be loaded.</source>
        <translation>Die Dateien von %1 konnten nicht geladen werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No file name in %1 contains “%2”.</source>
        <translation>Kein Dateiname in %1 enthält „%2“.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 has no files yet.
Drop files or folders here, or use Add files… (Ctrl+O).
From a shell: vectordesk file attach --tenant %2 --store %3 PATH…</source>
        <translation>%1 enthält noch keine Dateien.
Legen Sie Dateien oder Ordner hier ab oder verwenden Sie „Dateien hinzufügen…“ (Strg+O).
In einer Shell: vectordesk file attach --tenant %2 --store %3 PATH…</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Exported %1 to %2</source>
        <translation>%1 nach %2 exportiert</translation>
    </message>
</context>
<context>
    <name>vd::ui::FileTableModel</name>
    <message>
        <location filename="../ui/models/filetablemodel.cpp" line="+374"/>
        <source>%1
id %2 · sha256 %3</source>
        <translation>%1
ID %2 · sha256 %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From %1</source>
        <translation>Aus %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 since %2</source>
        <translation>%1 seit %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attributes</source>
        <translation>Attribute</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This column cannot be sorted</source>
        <translation>Nach dieser Spalte kann nicht sortiert werden</translation>
    </message>
</context>
<context>
    <name>vd::ui::FilterEditor</name>
    <message>
        <location filename="../ui/search/filtereditor.cpp" line="+70"/>
        <source>Groups combine with</source>
        <translation>Gruppen verknüpfen mit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How filter groups combine</source>
        <translation>Wie Filtergruppen verknüpft werden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AND (all groups)</source>
        <translation>UND (alle Gruppen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OR (any group)</source>
        <translation>ODER (eine der Gruppen)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add condition</source>
        <translation>Bedingung hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a filter condition</source>
        <translation>Eine Filterbedingung hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add group</source>
        <translation>Gruppe hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a filter group</source>
        <translation>Eine Filtergruppe hinzufügen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This filter nests groups more deeply than rows can show; edit it in the JSON view.</source>
        <translation>Dieser Filter verschachtelt Gruppen tiefer, als Zeilen darstellen können; bearbeiten Sie ihn in der JSON-Ansicht.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Conditions</source>
        <translation>Bedingungen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Filter as JSON</source>
        <translation>Filter als JSON</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>How the conditions of this group combine</source>
        <translation>Wie die Bedingungen dieser Gruppe verknüpft werden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Match all of (AND)</source>
        <translation>Alle erfüllt (UND)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Match any of (OR)</source>
        <translation>Mindestens eine erfüllt (ODER)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove group</source>
        <translation>Gruppe entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove this filter group</source>
        <translation>Diese Filtergruppe entfernen</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>attribute</source>
        <translation>Attribut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attribute key</source>
        <translation>Attributschlüssel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Comparison</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>value (in: a, b, c)</source>
        <translation>Wert (in: a, b, c)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value to compare with</source>
        <translation>Vergleichswert</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>Remove this condition</source>
        <translation>Diese Bedingung entfernen</translation>
    </message>
    <message>
        <location line="+176"/>
        <source>Not valid JSON at character %1: %2</source>
        <translation>Kein gültiges JSON bei Zeichen %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A filter is a JSON object, e.g. {&quot;type&quot;: &quot;eq&quot;, &quot;key&quot;: &quot;year&quot;, &quot;value&quot;: 2024}.</source>
        <translation>Ein Filter ist ein JSON-Objekt, z. B. {&quot;type&quot;: &quot;eq&quot;, &quot;key&quot;: &quot;year&quot;, &quot;value&quot;: 2024}.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Valid filter</source>
        <translation>Gültiger Filter</translation>
    </message>
</context>
<context>
    <name>vd::ui::KeyValueEditor</name>
    <message>
        <location filename="../ui/dialogs/keyvalueeditor.cpp" line="+30"/>
        <source>Store metadata</source>
        <translation>Metadaten des Speichers</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File attributes</source>
        <translation>Dateiattribute</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a metadata key</source>
        <translation>Einen Metadatenschlüssel hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add an attribute</source>
        <translation>Ein Attribut hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the selected key</source>
        <translation>Den ausgewählten Schlüssel entfernen</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Value type</source>
        <translation>Werttyp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Boolean</source>
        <translation>Boolesch</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Row %1 has a value but no key.</source>
        <translation>Zeile %1 hat einen Wert, aber keinen Schlüssel.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Key “%1…” is %2 characters long; keys may have at most %3.</source>
        <translation>Der Schlüssel „%1…“ ist %2 Zeichen lang; Schlüssel dürfen höchstens %3 Zeichen lang sein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Key “%1” appears twice.</source>
        <translation>Der Schlüssel „%1“ kommt doppelt vor.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The value of “%1” is %2 characters long; text values may have at most %3.</source>
        <translation>Der Wert von „%1“ ist %2 Zeichen lang; Textwerte dürfen höchstens %3 Zeichen lang sein.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The value of “%1” is not a number.</source>
        <translation>Der Wert von „%1“ ist keine Zahl.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The value of “%1” must be true or false.</source>
        <translation>Der Wert von „%1“ muss true oder false sein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 keys; at most %2 are allowed.</source>
        <translation>%1 Schlüssel; höchstens %2 sind erlaubt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 keys</source>
        <translation>%1 von %2 Schlüsseln</translation>
    </message>
</context>
<context>
    <name>vd::ui::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="+101"/>
        <source>Stores and files</source>
        <translation>Speicher und Dateien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search playground</source>
        <translation>Suchtest</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try queries, filters and thresholds against the stores of a tenant (Ctrl+F)</source>
        <translation>Abfragen, Filter und Schwellen an den Speichern eines Mandanten ausprobieren (Strg+F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync</source>
        <translation>Synchronisierung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The background sync: last run, next run, warnings and errors</source>
        <translation>Die Hintergrundsynchronisierung: letzter Lauf, nächster Lauf, Warnungen und Fehler</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Indexed %1</source>
        <translation>%1 indiziert</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <location line="+2"/>
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln Datei</numerusform>
            <numerusform>%Ln Dateien</numerusform>
        </translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Indexed %1; %2 failed (see the Last error column)</source>
        <translation>%1 indiziert; %2 fehlgeschlagen (siehe Spalte „Letzter Fehler“)</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reload tenants, stores and files from the database (F5)</source>
        <translation>Mandanten, Speicher und Dateien neu aus der Datenbank laden (F5)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add &amp;files…</source>
        <translation>&amp;Dateien hinzufügen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add fo&amp;lder…</source>
        <translation>&amp;Ordner hinzufügen…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Search playground</source>
        <translation>&amp;Suchtest</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search the stores of the current tenant (Ctrl+F)</source>
        <translation>Die Speicher des aktuellen Mandanten durchsuchen (Strg+F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>S&amp;ettings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Settings saved; a new database is used from the next start</source>
        <translation>Einstellungen gespeichert; eine neue Datenbank wird ab dem nächsten Start verwendet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;About VectorDesk</source>
        <translation>&amp;Über VectorDesk</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Main toolbar</source>
        <translation>Hauptsymbolleiste</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&amp;Store</source>
        <translation>&amp;Speicher</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Tenant</source>
        <translation>&amp;Mandant</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Agents…</source>
        <translation>&amp;Agenten…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Activity…</source>
        <translation>A&amp;ktivität…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Metadata database: %1</source>
        <translation>Metadatenbank: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+24"/>
        <source>Operator: %1</source>
        <translation>Benutzer: %1</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Every change is recorded in the audit log under this name</source>
        <translation>Jede Änderung wird unter diesem Namen im Prüfprotokoll festgehalten</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 to the selected store (a preview comes first)</source>
        <translation>%1 (zum ausgewählten Speicher, zuerst mit Vorschau)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a store first</source>
        <translation>Wählen Sie zuerst einen Speicher aus</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Operator: %1 · %2 in %3</source>
        <translation>Benutzer: %1 · %2 in %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add files to the store</source>
        <translation>Dateien zum Speicher hinzufügen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Add a folder to the store</source>
        <translation>Einen Ordner zum Speicher hinzufügen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Reloaded from the database</source>
        <translation>Neu aus der Datenbank geladen</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>About VectorDesk</source>
        <translation>Über VectorDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;VectorDesk %1&lt;/h3&gt;&lt;p&gt;Admin console for tenant-scoped vector stores and file search.&lt;/p&gt;&lt;p&gt;Hosted and local stores side by side, per tenant, with quotas, expiry and an audit trail.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;VectorDesk %1&lt;/h3&gt;&lt;p&gt;Verwaltungskonsole für mandantenbezogene Vektorspeicher und Dateisuche.&lt;/p&gt;&lt;p&gt;Gehostete und lokale Speicher nebeneinander, je Mandant, mit Kontingenten, Ablauf und Prüfprotokoll.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Store %1 is ready: drop documents on it (or on the files table) to index them</source>
        <translation>Speicher %1 ist bereit: Legen Sie Dokumente darauf ab (oder auf der Dateitabelle), um sie zu indizieren</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Set the OpenAI key of tenant %1 under OpenAI keys; then import its stores with: vectordesk store import --tenant %1 --all</source>
        <translation>Hinterlegen Sie den OpenAI-Schlüssel von Mandant %1 unter „OpenAI-Schlüssel“; importieren Sie dann seine Speicher mit: vectordesk store import --tenant %1 --all</translation>
    </message>
</context>
<context>
    <name>vd::ui::MembersDialog</name>
    <message>
        <location filename="../ui/admin/membersdialog.cpp" line="+24"/>
        <source>Members and roles</source>
        <translation>Mitglieder und Rollen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tenant:</source>
        <translation>Mandant:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Viewers read and search; editors also add files; admins also manage stores, tokens and keys; owners also manage members.</source>
        <translation>Betrachter lesen und suchen; Bearbeiter fügen zudem Dateien hinzu; Administratoren verwalten zudem Speicher, Token und Schlüssel; Eigentümer verwalten zudem Mitglieder.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Operator</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+12"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Member since</source>
        <translation>Mitglied seit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members of the tenant</source>
        <translation>Mitglieder des Mandanten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Operator name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator name, e.g. bob</source>
        <translation>Benutzername, z. B. bob</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Add or change role</source>
        <translation>Hinzufügen oder Rolle än&amp;dern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>No members yet.</source>
        <translation>Noch keine Mitglieder.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Give the operator this role in the tenant</source>
        <translation>Dem Benutzer diese Rolle im Mandanten geben</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove the selected member from the tenant</source>
        <translation>Das ausgewählte Mitglied aus dem Mandanten entfernen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 is now %2 of %3</source>
        <translation>%1 ist jetzt %2 in %3</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 is no longer a member of %2</source>
        <translation>%1 ist kein Mitglied von %2 mehr</translation>
    </message>
</context>
<context>
    <name>vd::ui::OpenAIKeyBox</name>
    <message>
        <location filename="../ui/settings/openaikeybox.cpp" line="+46"/>
        <source>OpenAI keys</source>
        <translation>OpenAI-Schlüssel</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Tenant whose OpenAI key is shown</source>
        <translation>Mandant, dessen OpenAI-Schlüssel angezeigt wird</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New OpenAI API key</source>
        <translation>Neuer OpenAI-API-Schlüssel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paste a new key (sk-…)</source>
        <translation>Neuen Schlüssel einfügen (sk-…)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved in the OS keychain, never in the settings; it is not shown again.</source>
        <translation>Wird im Schlüsselbund des Betriebssystems gespeichert, nie in den Einstellungen; er wird nicht erneut angezeigt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save key</source>
        <translation>Schlüssel speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the OpenAI key</source>
        <translation>Den OpenAI-Schlüssel speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test</source>
        <translation>Testen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test the OpenAI key</source>
        <translation>Den OpenAI-Schlüssel testen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List one vector store with the tenant&apos;s key (as `vectordesk key test`)</source>
        <translation>Einen Vektorspeicher mit dem Schlüssel des Mandanten auflisten (wie `vectordesk key test`)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the OpenAI key from the keychain</source>
        <translation>Den OpenAI-Schlüssel aus dem Schlüsselbund entfernen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>OpenAI key state</source>
        <translation>Status des OpenAI-Schlüssels</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Te&amp;nant</source>
        <translation>&amp;Mandant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New &amp;key</source>
        <translation>&amp;Neuer Schlüssel</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Reading the keychain…</source>
        <translation>Schlüsselbund wird gelesen…</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+28"/>
        <source>%1 set (in the keychain)</source>
        <translation>%1 hinterlegt (im Schlüsselbund)</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Not set: paste a key and save it, or set VECTORDESK_OPENAI_API_KEY for headless runs.</source>
        <translation>Nicht hinterlegt: Fügen Sie einen Schlüssel ein und speichern Sie ihn, oder setzen Sie VECTORDESK_OPENAI_API_KEY für Läufe ohne Oberfläche.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Saving the key of %1 in the keychain…</source>
        <translation>Schlüssel von %1 wird im Schlüsselbund gespeichert…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The key was not saved: %1</source>
        <translation>Der Schlüssel wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Removing the key of %1 from the keychain…</source>
        <translation>Schlüssel von %1 wird aus dem Schlüsselbund entfernt…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The key was not removed: %1</source>
        <translation>Der Schlüssel wurde nicht entfernt: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not set</source>
        <translation>Nicht hinterlegt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Testing the key of %1…</source>
        <translation>Schlüssel von %1 wird getestet…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The key works with %1</source>
        <translation>Der Schlüssel funktioniert mit %1</translation>
    </message>
</context>
<context>
    <name>vd::ui::QuotaGauge</name>
    <message>
        <location filename="../ui/quota/quotagauge.cpp" line="+49"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: %2 (%3)</source>
        <translation>%1: %2 (%3)</translation>
    </message>
</context>
<context>
    <name>vd::ui::QuotaPanel</name>
    <message>
        <location filename="../ui/quota/quotapanel.cpp" line="+39"/>
        <source>Quota of the selected tenant</source>
        <translation>Kontingent des ausgewählten Mandanten</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+34"/>
        <source>Quota</source>
        <translation>Kontingent</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Stores</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files in the fullest store</source>
        <translation>Dateien im vollsten Speicher</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Storage</source>
        <translation>Speicherplatz</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Estimated OpenAI storage cost</source>
        <translation>Geschätzte OpenAI-Speicherkosten</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Quota · %1</source>
        <translation>Kontingent · %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Select a tenant to see its quota.</source>
        <translation>Wählen Sie einen Mandanten aus, um sein Kontingent zu sehen.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>plan %1</source>
        <translation>Tarif %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln live store(s); %1 allows %2.</source>
        <translation>
            <numerusform>%Ln aktiver Speicher; %1 erlaubt %2.</numerusform>
            <numerusform>%Ln aktive Speicher; %1 erlaubt %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>The fullest store holds %Ln file(s); %1 allows %2 per store.</source>
        <translation>
            <numerusform>Der vollste Speicher enthält %Ln Datei; %1 erlaubt %2 pro Speicher.</numerusform>
            <numerusform>Der vollste Speicher enthält %Ln Dateien; %1 erlaubt %2 pro Speicher.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln file(s) in all stores.</source>
        <translation>
            <numerusform>%Ln Datei in allen Speichern.</numerusform>
            <numerusform>%Ln Dateien in allen Speichern.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 bytes of files; %2 allows %3 bytes.</source>
        <translation>%1 Bytes an Dateien; %2 erlaubt %3 Bytes.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No OpenAI stores: local stores cost nothing to keep.</source>
        <translation>Keine OpenAI-Speicher: Lokale Speicher verursachen keine Speicherkosten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>OpenAI storage: %1 in %2 · about $%3/day (first GiB free, then $0.10 per GiB per day)</source>
        <translation>OpenAI-Speicherplatz: %1 in %2 · etwa $%3/Tag (erstes GiB kostenlos, danach $0,10 pro GiB und Tag)</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln store(s)</source>
        <translation>
            <numerusform>%Ln Speicher</numerusform>
            <numerusform>%Ln Speichern</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vd::ui::SearchPanel</name>
    <message>
        <location filename="../ui/search/searchpanel.cpp" line="+76"/>
        <location line="+303"/>
        <source>Select a tenant in Stores and files.</source>
        <translation>Wählen Sie unter „Speicher und Dateien“ einen Mandanten aus.</translation>
    </message>
    <message>
        <location line="-297"/>
        <source>Local stores use keyword search (BM25): a result contains the words of the query, ranked by how often and where they occur, not by meaning. OpenAI stores search by meaning.</source>
        <translation>Lokale Speicher verwenden Stichwortsuche (BM25): Ein Ergebnis enthält die Wörter der Abfrage, gewichtet danach, wie oft und wo sie vorkommen, nicht nach Bedeutung. OpenAI-Speicher suchen nach Bedeutung.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Stores to search</source>
        <translation>Zu durchsuchende &amp;Speicher</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stores to search</source>
        <translation>Zu durchsuchende Speicher</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Search query</source>
        <translation>Suchabfrage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What are you looking for?</source>
        <translation>Wonach suchen Sie?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Query</source>
        <translation>&amp;Abfrage</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Maximum number of results</source>
        <translation>Maximale Anzahl Ergebnisse</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Max results</source>
        <translation>&amp;Max. Ergebnisse</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Score threshold</source>
        <translation>Relevanzschwelle</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Score &amp;threshold</source>
        <translation>&amp;Relevanzschwelle</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show or hide the attribute filter</source>
        <translation>Attributfilter ein- oder ausblenden</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run the search</source>
        <translation>Die Suche starten</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy as JSON</source>
        <translation>Als JSON kopieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the visible results as JSON</source>
        <translation>Die sichtbaren Ergebnisse als JSON kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copies the results shown, in OpenAI&apos;s response shape</source>
        <translation>Kopiert die angezeigten Ergebnisse im Antwortformat von OpenAI</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export the visible results to a CSV or JSON file</source>
        <translation>Die sichtbaren Ergebnisse in eine CSV- oder JSON-Datei exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saves the results shown as CSV or JSON (Ctrl+Shift+E)</source>
        <translation>Speichert die angezeigten Ergebnisse als CSV oder JSON (Strg+Umschalt+E)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The selected result&apos;s chunk and its neighbours</source>
        <translation>Der Abschnitt des ausgewählten Ergebnisses und seine Nachbarn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a result to read its whole chunk with the chunks before and after it.</source>
        <translation>Wählen Sie ein Ergebnis aus, um seinen ganzen Abschnitt mit den Abschnitten davor und danach zu lesen.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Select a tenant in Stores and files, then search its stores here.</source>
        <translation>Wählen Sie unter „Speicher und Dateien“ einen Mandanten aus und durchsuchen Sie dann hier seine Speicher.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+254"/>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <location line="-252"/>
        <source>Check the stores to search, type a query and press Enter.</source>
        <translation>Markieren Sie die zu durchsuchenden Speicher, geben Sie eine Abfrage ein und drücken Sie die Eingabetaste.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No results for “%1”.
Try other words, a lower threshold or a looser filter.</source>
        <translation>Keine Ergebnisse für „%1“.
Versuchen Sie andere Wörter, eine niedrigere Schwelle oder einen weniger strengen Filter.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No result scores at or above %1.
Lower the score threshold to see the %2 fetched.</source>
        <translation>Kein Ergebnis erreicht eine Relevanz von %1.
Senken Sie die Relevanzschwelle, um die %2 abgerufenen Ergebnisse zu sehen.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Attribute filter</source>
        <translation>Attributfilter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attribute filter: on (click to show it)</source>
        <translation>Attributfilter: an (klicken, um ihn anzuzeigen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attribute filter: none (click to add one)</source>
        <translation>Attributfilter: keiner (klicken, um einen hinzuzufügen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide the attribute filter, so the results get more room</source>
        <translation>Den Attributfilter ausblenden, damit die Ergebnisse mehr Platz haben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the attribute filter</source>
        <translation>Den Attributfilter anzeigen</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Search in %1</source>
        <translation>Suche in %1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Select a tenant first.</source>
        <translation>Wählen Sie zuerst einen Mandanten aus.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check at least one store to search.</source>
        <translation>Markieren Sie mindestens einen zu durchsuchenden Speicher.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type a query.</source>
        <translation>Geben Sie eine Abfrage ein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fix the filter first.</source>
        <translation>Korrigieren Sie zuerst den Filter.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search the checked stores (Enter)</source>
        <translation>Die markierten Speicher durchsuchen (Eingabetaste)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 of %2 results at or above %3</source>
        <translation>%1 von %2 Ergebnissen mit Relevanz ab %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The search used %1; search again to see lower scores.</source>
        <translation>Die Suche verwendete die Schwelle %1; suchen Sie erneut, um niedrigere Relevanzen zu sehen.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The filter is not valid: %1</source>
        <translation>Der Filter ist ungültig: %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The search failed; the message is below the form.</source>
        <translation>Die Suche ist fehlgeschlagen; die Meldung steht unter dem Formular.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search failed: %1</source>
        <translation>Suche fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%Ln store(s)</source>
        <translation>
            <numerusform>%Ln Speicher</numerusform>
            <numerusform>%Ln Speichern</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No results for “%1” in %2 (%3 ms).</source>
        <translation>Keine Ergebnisse für „%1“ in %2 (%3 ms).</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln result(s) for “%1” in %2 (%3 ms).</source>
        <translation>
            <numerusform>%Ln Ergebnis für „%1“ in %2 (%3 ms).</numerusform>
            <numerusform>%Ln Ergebnisse für „%1“ in %2 (%3 ms).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&lt;h3 style=&quot;margin:0&quot;&gt;%1&lt;/h3&gt;&lt;p style=&quot;color:#666&quot;&gt;Score %2 · store %3 · file id %4&lt;/p&gt;</source>
        <translation>&lt;h3 style=&quot;margin:0&quot;&gt;%1&lt;/h3&gt;&lt;p style=&quot;color:#666&quot;&gt;Relevanz %2 · Speicher %3 · Datei-ID %4&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;p style=&quot;color:#666&quot;&gt;OpenAI returns the matching text only; the chunks around it are not available for OpenAI stores.&lt;/p&gt;</source>
        <translation>&lt;p style=&quot;color:#666&quot;&gt;OpenAI liefert nur den passenden Text; die umgebenden Abschnitte sind für OpenAI-Speicher nicht verfügbar.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>&lt;p style=&quot;color:#b02a37&quot;&gt;Neighbouring chunks could not be read: %1&lt;/p&gt;</source>
        <translation>&lt;p style=&quot;color:#b02a37&quot;&gt;Benachbarte Abschnitte konnten nicht gelesen werden: %1&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Chunk %1 (the match) · %2 tokens</source>
        <translation>Abschnitt %1 (der Treffer) · %2 Token</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chunk %1 · %2 tokens</source>
        <translation>Abschnitt %1 · %2 Token</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>Copied %Ln result(s) as JSON</source>
        <translation>
            <numerusform>%Ln Ergebnis als JSON kopiert</numerusform>
            <numerusform>%Ln Ergebnisse als JSON kopiert</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export the results</source>
        <translation>Ergebnisse exportieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Exported %1 to %2</source>
        <translation>%1 nach %2 exportiert</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln result(s)</source>
        <translation>
            <numerusform>%Ln Ergebnis</numerusform>
            <numerusform>%Ln Ergebnisse</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vd::ui::SearchResultModel</name>
    <message>
        <location filename="../ui/search/searchresultmodel.cpp" line="+151"/>
        <source>Relevance %1 (0..1)</source>
        <translation>Relevanz %1 (0..1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1
file id %2 · store %3</source>
        <translation>%1
Datei-ID %2 · Speicher %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The store the file is in</source>
        <translation>Der Speicher, in dem die Datei liegt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select to read the whole chunk and its neighbours; Enter or double-click opens the file&apos;s page at this chunk</source>
        <translation>Auswählen, um den ganzen Abschnitt und seine Nachbarn zu lesen; Eingabetaste oder Doppelklick öffnet die Dateiseite an diesem Abschnitt</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Score</source>
        <translation>Relevanz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Store</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Best chunk</source>
        <translation>Bester Abschnitt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attributes</source>
        <translation>Attribute</translation>
    </message>
</context>
<context>
    <name>vd::ui::SettingsDialog</name>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="+34"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>SQLite file (this computer only)</source>
        <translation>SQLite-Datei (nur dieser Computer)</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+140"/>
        <source>SQLite database file</source>
        <translation>SQLite-Datenbankdatei</translation>
    </message>
    <message>
        <location line="-137"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the SQLite file</source>
        <translation>SQLite-Datei auswählen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PostgreSQL server (shared by the team)</source>
        <translation>PostgreSQL-Server (vom Team gemeinsam genutzt)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>PostgreSQL connection URL</source>
        <translation>PostgreSQL-Verbindungs-URL</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Passwords are not saved in the settings: put them in ~/.pgpass or PGPASSWORD. A new database is used from the next start.</source>
        <translation>Passwörter werden nicht in den Einstellungen gespeichert: Hinterlegen Sie sie in ~/.pgpass oder PGPASSWORD. Eine neue Datenbank wird ab dem nächsten Start verwendet.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test the database connection</source>
        <translation>Die Datenbankverbindung testen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Maintenance</source>
        <translation>Wartung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sync interval in minutes</source>
        <translation>Synchronisierungsintervall in Minuten</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source> minute(s)</source>
        <translation>
            <numerusform> Minute</numerusform>
            <numerusform> Minuten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Sync every</source>
        <translation>&amp;Synchronisieren alle</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Days deleted items stay restorable</source>
        <translation>Tage, die gelöschte Elemente wiederherstellbar bleiben</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source> day(s)</source>
        <translation>
            <numerusform> Tag</numerusform>
            <numerusform> Tage</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep deleted items for</source>
        <translation>Gelöschte Elemente aufbewahren für</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tracing</source>
        <translation>Tracing</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>OpenTelemetry collector address</source>
        <translation>Adresse des OpenTelemetry-Collectors</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Off. For example http://localhost:4318</source>
        <translation>Aus. Zum Beispiel http://localhost:4318</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spans of this window&apos;s work are sent to this collector&apos;s /v1/traces (OTLP over HTTP). Takes effect when you press OK; --otlp-endpoint and OTEL_EXPORTER_OTLP_ENDPOINT win over it at start.</source>
        <translation>Spans der Arbeit dieses Fensters werden an /v1/traces dieses Collectors gesendet (OTLP über HTTP). Wird wirksam, wenn Sie auf „OK“ klicken; --otlp-endpoint und OTEL_EXPORTER_OTLP_ENDPOINT haben beim Start Vorrang.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Collector</source>
        <translation>&amp;Collector</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+148"/>
        <source>In use now: %1</source>
        <translation>Derzeit verwendet: %1</translation>
    </message>
    <message>
        <location line="-141"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Language of the window</source>
        <translation>Sprache des Fensters</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>As the system (%1)</source>
        <translation>Systemsprache (%1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Language</source>
        <translation>S&amp;prache</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applies when VectorDesk starts again. Command-line output, logs and JSON stay in English, so that support can search for them.</source>
        <translation>Wird beim nächsten Start von VectorDesk wirksam. Befehlszeilenausgaben, Protokolle und JSON bleiben auf Englisch, damit der Support danach suchen kann.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>The trace collector must be an http(s) address such as http://localhost:4318, or empty for off.</source>
        <translation>Der Trace-Collector muss eine http(s)-Adresse wie http://localhost:4318 sein; lassen Sie das Feld leer, um Tracing auszuschalten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter the PostgreSQL URL, e.g. postgresql://user@host:5432/vectordesk.</source>
        <translation>Geben Sie die PostgreSQL-URL ein, z. B. postgresql://user@host:5432/vectordesk.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A PostgreSQL URL starts with postgresql://.</source>
        <translation>Eine PostgreSQL-URL beginnt mit postgresql://.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That is a PostgreSQL URL; choose PostgreSQL server above.</source>
        <translation>Das ist eine PostgreSQL-URL; wählen Sie oben „PostgreSQL-Server“.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the password from the URL: settings never hold secrets. Put it in ~/.pgpass or PGPASSWORD.</source>
        <translation>Entfernen Sie das Passwort aus der URL: Einstellungen enthalten nie Geheimnisse. Hinterlegen Sie es in ~/.pgpass oder PGPASSWORD.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird hergestellt…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The database this window opened (from --db, VECTORDESK_DB or these settings).</source>
        <translation>Die Datenbank, die dieses Fenster geöffnet hat (aus --db, VECTORDESK_DB oder diesen Einstellungen).</translation>
    </message>
</context>
<context>
    <name>vd::ui::StoreActions</name>
    <message>
        <location filename="../ui/actions/storeactions.cpp" line="+46"/>
        <source>&amp;New store…</source>
        <translation>&amp;Neuer Speicher…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit store…</source>
        <translation>Speicher &amp;bearbeiten…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set as &amp;primary</source>
        <translation>Als &amp;Standardspeicher festlegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete store…</source>
        <translation>Speicher &amp;löschen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Trash…</source>
        <translation>&amp;Papierkorb…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Edit &amp;attributes…</source>
        <translation>&amp;Attribute bearbeiten…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Retry files</source>
        <translation>Dateien erneut &amp;verarbeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel processing</source>
        <translation>Verarbeitung abbre&amp;chen</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>API to&amp;kens…</source>
        <translation>API-&amp;Token…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detac&amp;h files</source>
        <translation>Dateien en&amp;tfernen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Retry all fa&amp;iled files</source>
        <translation>Alle &amp;fehlgeschlagenen Dateien erneut verarbeiten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Undo detach</source>
        <translation>Entfernen &amp;rückgängig machen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Open file page</source>
        <translation>Dateiseite &amp;öffnen</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Select a tenant first.</source>
        <translation>Wählen Sie zuerst einen Mandanten aus.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Needs the %1 role in %2; you are %3.</source>
        <translation>Erfordert die Rolle %1 in %2; Sie sind %3.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not a member</source>
        <translation>kein Mitglied</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Select a store first.</source>
        <translation>Wählen Sie zuerst einen Speicher aus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a store in this tenant (Ctrl+N)</source>
        <translation>Einen Speicher in diesem Mandanten anlegen (Strg+N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename the store, change its expiry or metadata</source>
        <translation>Den Speicher umbenennen, seinen Ablauf oder seine Metadaten ändern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is already the primary store.</source>
        <translation>%1 ist bereits der Standardspeicher.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make this the tenant&apos;s primary store</source>
        <translation>Diesen Speicher zum Standardspeicher des Mandanten machen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the store to the trash (Del)</source>
        <translation>Den Speicher in den Papierkorb verschieben (Entf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted stores, restorable until purged</source>
        <translation>Gelöschte Speicher, wiederherstellbar bis zur endgültigen Löschung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create, list and revoke the tokens applications use with vectordesk serve</source>
        <translation>Die Token anlegen, auflisten und widerrufen, die Anwendungen mit vectordesk serve verwenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select files first.</source>
        <translation>Wählen Sie zuerst Dateien aus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected files from the store (Del)</source>
        <translation>Die ausgewählten Dateien aus dem Speicher entfernen (Entf)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select one file first.</source>
        <translation>Wählen Sie zuerst eine Datei aus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the selected file&apos;s attributes (also on its page: Enter or double-click)</source>
        <translation>Die Attribute der ausgewählten Datei bearbeiten (auch auf ihrer Seite: Eingabetaste oder Doppelklick)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Select failed, cancelled or stuck files first.</source>
        <translation>Wählen Sie zuerst fehlgeschlagene, abgebrochene oder hängende Dateien aus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put the selected failed, cancelled or stuck files back in the indexing queue</source>
        <translation>Die ausgewählten fehlgeschlagenen, abgebrochenen oder hängenden Dateien wieder in die Indizierungswarteschlange stellen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select files in progress first.</source>
        <translation>Wählen Sie zuerst Dateien in Bearbeitung aus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop processing the selected files in progress</source>
        <translation>Die Verarbeitung der ausgewählten Dateien in Bearbeitung beenden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 has no failed files.</source>
        <translation>%1 hat keine fehlgeschlagenen Dateien.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Put every failed file of the store back in the indexing queue (Ctrl+Shift+R)</source>
        <translation>Alle fehlgeschlagenen Dateien des Speichers wieder in die Indizierungswarteschlange stellen (Strg+Umschalt+R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing detached to undo.</source>
        <translation>Nichts Entferntes rückgängig zu machen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attach the files of the last detach again (Ctrl+Z)</source>
        <translation>Die zuletzt entfernten Dateien erneut hinzufügen (Strg+Z)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Metadata, chunks and actions of the file (Enter or double-click)</source>
        <translation>Metadaten, Abschnitte und Aktionen der Datei (Eingabetaste oder Doppelklick)</translation>
    </message>
    <message numerus="yes">
        <location line="+49"/>
        <location line="+66"/>
        <location line="+99"/>
        <location line="+43"/>
        <location line="+36"/>
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln Datei</numerusform>
            <numerusform>%Ln Dateien</numerusform>
        </translation>
    </message>
    <message>
        <location line="-243"/>
        <location line="+287"/>
        <source>Retrying %1</source>
        <translation>%1 wird erneut verarbeitet</translation>
    </message>
    <message>
        <location line="-287"/>
        <source>Cancelled %1</source>
        <translation>%1 abgebrochen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Saved store %1</source>
        <translation>Speicher %1 gespeichert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Created store %1</source>
        <translation>Speicher %1 angelegt</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 is now the primary store</source>
        <translation>%1 ist jetzt der Standardspeicher</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Delete store %1?</source>
        <translation>Speicher %1 löschen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete store %1 of %2?</source>
        <translation>Speicher %1 von %2 löschen?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Its %1 (%2 indexed) stop being searchable at once.</source>
        <translation>Ab sofort nicht mehr durchsuchbar: seine %1 (%2 indiziert).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It is the tenant&apos;s primary store; choose another primary afterwards.</source>
        <translation>Er ist der Standardspeicher des Mandanten; wählen Sie danach einen anderen Standardspeicher.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Which agents search it is unknown: %1</source>
        <translation>Welche Agenten ihn durchsuchen, ist unbekannt: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Agents that lose store %1: %2. Check them afterwards in Tenant › Agents.</source>
        <translation>Agenten, die Speicher %1 verlieren: %2. Prüfen Sie sie danach unter Mandant › Agenten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The store goes to the trash: restore it from View › Trash until the purge removes it for good.</source>
        <translation>Der Speicher kommt in den Papierkorb: Sie können ihn unter Ansicht › Papierkorb wiederherstellen, bis er endgültig gelöscht wird.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete store</source>
        <translation>Speicher löschen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Deleted store %1; restore it from the trash</source>
        <translation>Speicher %1 gelöscht; Sie können ihn aus dem Papierkorb wiederherstellen</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Detach %1?</source>
        <translation>%1 entfernen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detach %1 from store %2?</source>
        <translation>%1 aus Speicher %2 entfernen?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Their chunks stop being searchable at once. Detached files go to the trash: undo with Ctrl+Z, or restore them from View › Trash until the purge removes them.</source>
        <translation>Ihre Abschnitte sind sofort nicht mehr durchsuchbar. Entfernte Dateien kommen in den Papierkorb: Machen Sie es mit Strg+Z rückgängig oder stellen Sie sie unter Ansicht › Papierkorb wieder her, bis sie endgültig gelöscht werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Detach</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Detached %1; Ctrl+Z brings them back</source>
        <translation>%1 entfernt; Strg+Z holt sie zurück</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Restored %1</source>
        <translation>%1 wiederhergestellt</translation>
    </message>
    <message numerus="yes">
        <location line="+44"/>
        <source>%Ln failed file(s)</source>
        <translation>
            <numerusform>%Ln fehlgeschlagene Datei</numerusform>
            <numerusform>%Ln fehlgeschlagene Dateien</numerusform>
        </translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Attributes of %1</source>
        <translation>Attribute von %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search filters match these values. Text, numbers and true/false are allowed.</source>
        <translation>Suchfilter prüfen diese Werte. Text, Zahlen und true/false sind erlaubt.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Saved the attributes of %1</source>
        <translation>Attribute von %1 gespeichert</translation>
    </message>
</context>
<context>
    <name>vd::ui::StoreDialog</name>
    <message>
        <location filename="../ui/dialogs/storedialog.cpp" line="+34"/>
        <source>Edit store %1</source>
        <translation>Speicher %1 bearbeiten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New store in %1</source>
        <translation>Neuer Speicher in %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Store name</source>
        <translation>Name des Speichers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. contracts</source>
        <translation>z. B. verträge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Local engine (offline)</source>
        <translation>Lokale Engine (offline)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OpenAI hosted store</source>
        <translation>Von OpenAI gehosteter Speicher</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A store keeps its backend; create a new store to move files.</source>
        <translation>Ein Speicher behält sein Backend; legen Sie einen neuen Speicher an, um Dateien zu verschieben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Backend</source>
        <translation>&amp;Backend</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Expire after</source>
        <translation>Ablauf nach</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expire the store after days without activity</source>
        <translation>Den Speicher nach Tagen ohne Aktivität ablaufen lassen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Days without activity before the store expires</source>
        <translation>Tage ohne Aktivität, bevor der Speicher abläuft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> days without activity</source>
        <translation> Tagen ohne Aktivität</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Expiry</source>
        <translation>Ablauf</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>How files attached from now on are chunked, unless they say otherwise; files already attached keep their chunks.</source>
        <translation>Wie ab jetzt hinzugefügte Dateien in Abschnitte aufgeteilt werden, sofern sie nichts anderes angeben; bereits hinzugefügte Dateien behalten ihre Abschnitte.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How files attached to the store are chunked, unless they say otherwise.</source>
        <translation>Wie dem Speicher hinzugefügte Dateien in Abschnitte aufgeteilt werden, sofern sie nichts anderes angeben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Chunking</source>
        <translation>&amp;Abschnittsbildung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Metadata (text values)</source>
        <translation>Metadaten (Textwerte)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Create store</source>
        <translation>Speicher anlegen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Agents that lose store %1 when it expires: %2.</source>
        <translation>Agenten, die Speicher %1 bei seinem Ablauf verlieren: %2.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Looking for the OpenAI key of %1…</source>
        <translation>OpenAI-Schlüssel von %1 wird gesucht…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Tenant %1 has an OpenAI key; files are uploaded to OpenAI and billed there.</source>
        <translation>Mandant %1 hat einen OpenAI-Schlüssel; Dateien werden zu OpenAI hochgeladen und dort abgerechnet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No OpenAI key is set for tenant %1. &lt;a href=&quot;settings&quot;&gt;Set one in Settings › OpenAI keys&lt;/a&gt;, then choose this backend again.</source>
        <translation>Für Mandant %1 ist kein OpenAI-Schlüssel hinterlegt. &lt;a href=&quot;settings&quot;&gt;Hinterlegen Sie einen unter Einstellungen › OpenAI-Schlüssel&lt;/a&gt; und wählen Sie dann erneut dieses Backend.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Looking for the tenant&apos;s OpenAI key…</source>
        <translation>OpenAI-Schlüssel des Mandanten wird gesucht…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No OpenAI key is set for tenant %1; set one in Settings › OpenAI keys first.</source>
        <translation>Für Mandant %1 ist kein OpenAI-Schlüssel hinterlegt; hinterlegen Sie zuerst einen unter Einstellungen › OpenAI-Schlüssel.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name the store.</source>
        <translation>Geben Sie dem Speicher einen Namen.</translation>
    </message>
</context>
<context>
    <name>vd::ui::StorePanel</name>
    <message>
        <location filename="../ui/panels/storepanel.cpp" line="+19"/>
        <source>Stores</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The vector stores of the selected tenant</source>
        <translation>Die Vektorspeicher des ausgewählten Mandanten</translation>
    </message>
    <message numerus="yes">
        <location line="+142"/>
        <source>%Ln store(s)</source>
        <translation>
            <numerusform>%Ln Speicher</numerusform>
            <numerusform>%Ln Speicher</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Select a tenant to see its stores.</source>
        <translation>Wählen Sie einen Mandanten aus, um seine Speicher zu sehen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading the stores of %1…</source>
        <translation>Speicher von %1 werden geladen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The stores of %1 could not be loaded.</source>
        <translation>Die Speicher von %1 konnten nicht geladen werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 has no stores yet.
Create one with Store › New store… (Ctrl+N), or from a shell:
vectordesk store create --tenant %2 NAME</source>
        <translation>%1 hat noch keine Speicher.
Legen Sie einen mit Speicher › Neuer Speicher… (Strg+N) an, oder in einer Shell:
vectordesk store create --tenant %2 NAME</translation>
    </message>
</context>
<context>
    <name>vd::ui::StoreTableModel</name>
    <message>
        <location filename="../ui/models/storetablemodel.cpp" line="+167"/>
        <source>Completed, %1 failed</source>
        <translation>Abgeschlossen, %1 fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+80"/>
        <source>Primary</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1
id %2%3
Created %4</source>
        <translation>%1
ID %2%3
Angelegt: %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> · remote id %1</source>
        <translation> · Remote-ID %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 bytes of processed content</source>
        <translation>%1 Bytes verarbeiteter Inhalt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Expires %1 days after its last activity.</source>
        <translation>Läuft %1 Tage nach der letzten Aktivität ab.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No expiry policy: the store is kept until deleted.</source>
        <translation>Keine Ablaufregel: Der Speicher bleibt erhalten, bis er gelöscht wird.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The tenant&apos;s primary store</source>
        <translation>Der Standardspeicher des Mandanten</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Store</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Indexed text</source>
        <translation>Indizierter Text</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last active</source>
        <translation>Zuletzt aktiv</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Files by status: ✓ completed · ◷ in progress · ✗ failed · ⊘ cancelled</source>
        <translation>Dateien nach Status: ✓ abgeschlossen · ◷ in Bearbeitung · ✗ fehlgeschlagen · ⊘ abgebrochen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size of the text the store indexed from its files (what OpenAI bills), not of the files</source>
        <translation>Größe des Texts, den der Speicher aus seinen Dateien indiziert hat (was OpenAI abrechnet), nicht der Dateien selbst</translation>
    </message>
</context>
<context>
    <name>vd::ui::SyncHistoryDialog</name>
    <message>
        <location filename="../ui/sync/synchistorydialog.cpp" line="+44"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min %2 s</source>
        <translation>%1 Min. %2 s</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Sync history</source>
        <translation>Synchronisierungsverlauf</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Newest</source>
        <translation>Neueste</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How many of the newest passes to show</source>
        <translation>Wie viele der neuesten Läufe angezeigt werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> passes</source>
        <translation> Läufe</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Reload</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Did</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Started by</source>
        <translation>Gestartet von</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync passes</source>
        <translation>Synchronisierungsläufe</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+114"/>
        <source>Select a pass to see its failed items and warnings.</source>
        <translation>Wählen Sie einen Lauf aus, um seine fehlgeschlagenen Elemente und Warnungen zu sehen.</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Store / file</source>
        <translation>Speicher / Datei</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed items and warnings of the selected pass</source>
        <translation>Fehlgeschlagene Elemente und Warnungen des ausgewählten Laufs</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Show in its store</source>
        <translation>Im &amp;Speicher anzeigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+6"/>
        <source>Select a failed item or warning that names a store</source>
        <translation>Wählen Sie ein fehlgeschlagenes Element oder eine Warnung aus, die einen Speicher nennt</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Show the store (and the file) in the Stores and files tab (Enter)</source>
        <translation>Den Speicher (und die Datei) auf der Registerkarte „Speicher und Dateien“ anzeigen (Eingabetaste)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Reading the sync history…</source>
        <translation>Synchronisierungsverlauf wird gelesen…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run %1 (%2)</source>
        <translation>Lauf %1 (%2)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No sync pass has been recorded yet: run one with Sync now.</source>
        <translation>Noch kein Synchronisierungslauf aufgezeichnet: Starten Sie einen mit „Jetzt synchronisieren“.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The newest %Ln pass(es); show more to look further back.</source>
        <translation>
            <numerusform>Der neueste Lauf; zeigen Sie mehr an, um weiter zurückzublicken.</numerusform>
            <numerusform>Die neuesten %Ln Läufe; zeigen Sie mehr an, um weiter zurückzublicken.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln pass(es) recorded.</source>
        <translation>
            <numerusform>%Ln Lauf aufgezeichnet.</numerusform>
            <numerusform>%Ln Läufe aufgezeichnet.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&lt;b&gt;%1&lt;/b&gt;, %2 to %3 (%4), started by %5.&lt;br&gt;%6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;, %2 bis %3 (%4), gestartet von: %5.&lt;br&gt;%6</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This pass had no failed items and no warnings.</source>
        <translation>Dieser Lauf hatte keine fehlgeschlagenen Elemente und keine Warnungen.</translation>
    </message>
</context>
<context>
    <name>vd::ui::SyncPanel</name>
    <message>
        <location filename="../ui/sync/syncpanel.cpp" line="+37"/>
        <source>Indexing waiting files</source>
        <translation>Indizierung wartender Dateien</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refreshing remote stores</source>
        <translation>Aktualisierung gehosteter Speicher</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expiring stores</source>
        <translation>Ablauf von Speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Purging deleted items</source>
        <translation>Endgültiges Löschen gelöschter Elemente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Starting</source>
        <translation>Start</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%Ln file(s) indexed</source>
        <translation>
            <numerusform>%Ln Datei indiziert</numerusform>
            <numerusform>%Ln Dateien indiziert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln store(s) refreshed</source>
        <translation>
            <numerusform>%Ln Speicher aktualisiert</numerusform>
            <numerusform>%Ln Speicher aktualisiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln file(s) refreshed</source>
        <translation>
            <numerusform>%Ln Datei aktualisiert</numerusform>
            <numerusform>%Ln Dateien aktualisiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln store(s) expired</source>
        <translation>
            <numerusform>%Ln Speicher abgelaufen</numerusform>
            <numerusform>%Ln Speicher abgelaufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln file(s) purged</source>
        <translation>
            <numerusform>%Ln Datei endgültig gelöscht</numerusform>
            <numerusform>%Ln Dateien endgültig gelöscht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln store(s) purged</source>
        <translation>
            <numerusform>%Ln Speicher endgültig gelöscht</numerusform>
            <numerusform>%Ln Speicher endgültig gelöscht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln tenant(s) purged</source>
        <translation>
            <numerusform>%Ln Mandant endgültig gelöscht</numerusform>
            <numerusform>%Ln Mandanten endgültig gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Indexing</source>
        <translation>Indizierung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refreshing the store</source>
        <translation>Aktualisierung des Speichers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refreshing the file</source>
        <translation>Aktualisierung der Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expiring the store</source>
        <translation>Ablauf des Speichers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Purging the file</source>
        <translation>Endgültiges Löschen der Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Purging the store</source>
        <translation>Endgültiges Löschen des Speichers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Purging the tenant</source>
        <translation>Endgültiges Löschen des Mandanten</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Last run</source>
        <translation>Letzter Lauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No pass recorded yet</source>
        <translation>Noch kein Lauf aufgezeichnet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last sync run</source>
        <translation>Letzter Synchronisierungslauf</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next scheduled sync run</source>
        <translation>Nächster geplanter Synchronisierungslauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the last sync run did</source>
        <translation>Was der letzte Synchronisierungslauf erledigt hat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Result:</source>
        <translation>Ergebnis:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Did:</source>
        <translation>Erledigt:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next run:</source>
        <translation>Nächster Lauf:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Now</source>
        <translation>Aktuell</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+408"/>
        <source>Idle</source>
        <translation>Im Leerlauf</translation>
    </message>
    <message>
        <location line="-406"/>
        <source>Sync state</source>
        <translation>Synchronisierungsstatus</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sync progress</source>
        <translation>Synchronisierungsfortschritt</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+398"/>
        <source>No pass running</source>
        <translation>Kein Lauf aktiv</translation>
    </message>
    <message>
        <location line="-395"/>
        <source>Current sync item</source>
        <translation>Aktuelles Synchronisierungselement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync &amp;now</source>
        <translation>Jetzt &amp;synchronisieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Index waiting files, refresh hosted stores, expire and purge now</source>
        <translation>Jetzt wartende Dateien indizieren, gehostete Speicher aktualisieren, Abläufe anwenden und endgültig löschen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel the sync pass</source>
        <translation>Den Synchronisierungslauf abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the running pass after its current item</source>
        <translation>Den aktiven Lauf nach dem aktuellen Element beenden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync &amp;history…</source>
        <translation>Synchronisierungs&amp;verlauf…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Past sync passes: when, how long, the result, what they did, failed items and warnings</source>
        <translation>Frühere Synchronisierungsläufe: wann, wie lange, mit welchem Ergebnis, was sie erledigt haben, fehlgeschlagene Elemente und Warnungen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;History…</source>
        <translation>&amp;Verlauf…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync history</source>
        <translation>Synchronisierungsverlauf</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Sync warnings</source>
        <translation>Synchronisierungswarnungen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stores expiring soon and files stuck in progress</source>
        <translation>Bald ablaufende Speicher und in Bearbeitung hängende Dateien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync errors</source>
        <translation>Synchronisierungsfehler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Items the last pass could not do, and why</source>
        <translation>Elemente, die der letzte Lauf nicht erledigen konnte, und warum</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>%1 (every %2 min)</source>
        <translation>%1 (alle %2 Min.)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Starting a pass…</source>
        <translation>Lauf wird gestartet…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Cancelling after the current item…</source>
        <translation>Abbruch nach dem aktuellen Element…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Running (started by the GUI)</source>
        <translation>Läuft (über die Oberfläche gestartet)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Running: %1</source>
        <translation>Läuft: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%v of %m</source>
        <translation>%v von %m</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Double-click to show the file in its store</source>
        <translation>Doppelklicken, um die Datei in ihrem Speicher anzuzeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Double-click to show the store</source>
        <translation>Doppelklicken, um den Speicher anzuzeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Double-click to show the tenant</source>
        <translation>Doppelklicken, um den Mandanten anzuzeigen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Stuck</source>
        <translation>Hängt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Expiring soon</source>
        <translation>Läuft bald ab</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2%3</source>
        <translation>%1: %2%3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 failed: %2</source>
        <translation>Fehlgeschlagen (%1): %2</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Sync pass: %1; %Ln item(s) done</source>
        <translation>
            <numerusform>Synchronisierungslauf: %1; %Ln Element erledigt</numerusform>
            <numerusform>Synchronisierungslauf: %1; %Ln Elemente erledigt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync pass: %1 (see the Sync tab)</source>
        <translation>Synchronisierungslauf: %1 (siehe Registerkarte „Synchronisierung“)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vectordesk --sync</source>
        <translation>vectordesk --sync</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the CLI</source>
        <translation>CLI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Run %1, started by %2</source>
        <translation>Lauf %1, gestartet von: %2</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Completed with %Ln file error(s)</source>
        <translation>
            <numerusform>Abgeschlossen mit %Ln Dateifehler</numerusform>
            <numerusform>Abgeschlossen mit %Ln Dateifehlern</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Completed with %Ln error(s)</source>
        <translation>
            <numerusform>Abgeschlossen mit %Ln Fehler</numerusform>
            <numerusform>Abgeschlossen mit %Ln Fehlern</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 at %2: %3 done in %4 s</source>
        <translation>%1 am %2: %3 erledigt in %4 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 at %2: %3 done, %4 failed, in %5 s</source>
        <translation>%1 am %2: %3 erledigt, %4 fehlgeschlagen, in %5 s</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>%Ln warning(s) (see Warnings)</source>
        <translation>
            <numerusform>%Ln Warnung (siehe Warnungen)</numerusform>
            <numerusform>%Ln Warnungen (siehe Warnungen)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was done: every item failed (see Errors)</source>
        <translation>Nichts erledigt: Alle Elemente sind fehlgeschlagen (siehe Fehler)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing to do: everything was up to date</source>
        <translation>Nichts zu tun: Alles war aktuell</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Another runner holds the sync lease: %1</source>
        <translation>Ein anderer Prozess hält die Synchronisierungssperre: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only one runner syncs at a time; this pass was skipped and the next one is scheduled.</source>
        <translation>Es synchronisiert immer nur ein Prozess; dieser Lauf wurde übersprungen, der nächste ist geplant.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skipped: the lease is held by %1</source>
        <translation>Übersprungen: Die Sperre hält %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync skipped: another runner holds the lease</source>
        <translation>Synchronisierung übersprungen: Ein anderer Prozess hält die Sperre</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The sync pass failed: %1</source>
        <translation>Der Synchronisierungslauf ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync failed: %1</source>
        <translation>Synchronisierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No warnings: no store expires within %1 days and no file is stuck</source>
        <translation>Keine Warnungen: Kein Speicher läuft innerhalb von %1 Tagen ab, und keine Datei hängt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No errors in the last pass</source>
        <translation>Keine Fehler im letzten Lauf</translation>
    </message>
</context>
<context>
    <name>vd::ui::TablePanel</name>
    <message>
        <location filename="../ui/widgets/tablepanel.cpp" line="+52"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Copy id</source>
        <translation>ID kopieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the request id, to find this error in the log, the audit trail or View › Activity</source>
        <translation>Die Anfrage-ID kopieren, um diesen Fehler im Protokoll, im Prüfprotokoll oder unter Ansicht › Aktivität zu finden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Request %1</source>
        <translation>Anfrage %1</translation>
    </message>
</context>
<context>
    <name>vd::ui::TenantPanel</name>
    <message>
        <location filename="../ui/panels/tenantpanel.cpp" line="+18"/>
        <source>Tenants</source>
        <translation>Mandanten</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The tenants you may see, with their plan and use of its limits</source>
        <translation>Die Mandanten, die Sie sehen dürfen, mit ihrem Tarif und der Auslastung seiner Limits</translation>
    </message>
    <message numerus="yes">
        <location line="+42"/>
        <source>%Ln tenant(s)</source>
        <translation>
            <numerusform>%Ln Mandant</numerusform>
            <numerusform>%Ln Mandanten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Loading tenants…</source>
        <translation>Mandanten werden geladen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The tenants could not be loaded.</source>
        <translation>Die Mandanten konnten nicht geladen werden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No tenants yet.
Create one with:
vectordesk tenant create SLUG</source>
        <translation>Noch keine Mandanten.
Legen Sie einen an mit:
vectordesk tenant create SLUG</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You are not a member of any tenant yet.
A tenant owner can add you with:
vectordesk member add --tenant SLUG %1 --role viewer</source>
        <translation>Sie sind noch in keinem Mandanten Mitglied.
Ein Eigentümer des Mandanten kann Sie hinzufügen mit:
vectordesk member add --tenant SLUG %1 --role viewer</translation>
    </message>
</context>
<context>
    <name>vd::ui::TenantTableModel</name>
    <message>
        <location filename="../ui/models/tenanttablemodel.cpp" line="+157"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1
Slug: %2 · id %3
New stores use the %4 backend
Created %5</source>
        <translation>%1
Kürzel: %2 · ID %3
Neue Speicher verwenden das Backend %4
Angelegt: %5</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The quota of %1 could not be read.</source>
        <translation>Das Kontingent von %1 konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plan %1
Stores: %2 of %3
Files in the largest store: %4 of %5
Storage: %6 of %7
The quota column shows the most used of these limits.</source>
        <translation>Tarif %1
Speicher: %2 von %3
Dateien im größten Speicher: %4 von %5
Speicherplatz: %6 von %7
Die Spalte „Kontingent“ zeigt das am stärksten ausgeschöpfte dieser Limits.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>You administer this VectorDesk instance and act as owner of every tenant.</source>
        <translation>Sie verwalten diese VectorDesk-Instanz und handeln als Eigentümer jedes Mandanten.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your role in %1: %2</source>
        <translation>Ihre Rolle in %1: %2</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Tenant</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stores</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File bytes</source>
        <translation>Dateivolumen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quota</source>
        <translation>Kontingent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your role</source>
        <translation>Ihre Rolle</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Total size of the tenant&apos;s live files, as uploaded (the storage limit counts these)</source>
        <translation>Gesamtgröße der aktiven Dateien des Mandanten, wie hochgeladen (diese zählt für das Speicherplatzlimit)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The most used plan limit: stores, files per store or storage</source>
        <translation>Das am stärksten ausgeschöpfte Tariflimit: Speicher, Dateien pro Speicher oder Speicherplatz</translation>
    </message>
</context>
<context>
    <name>vd::ui::TenantsDialog</name>
    <message>
        <location filename="../ui/admin/tenantsdialog.cpp" line="+30"/>
        <source>Tenants and plans</source>
        <translation>Mandanten und Tarife</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plans</source>
        <translation>Tarife</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+26"/>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Stores</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Files per store</source>
        <translation>Dateien pro Speicher</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Largest file</source>
        <translation>Größte Datei</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Storage</source>
        <translation>Speicherplatz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plans and their limits</source>
        <translation>Tarife und ihre Limits</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tenant</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Display name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Rename</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Plan overrides</source>
        <translation>Tarifanpassungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overrides, e.g. {&quot;max_stores&quot;: 10}</source>
        <translation>Anpassungen, z. B. {&quot;max_stores&quot;: 10}</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Te&amp;nant</source>
        <translation>&amp;Mandant</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Display name</source>
        <translation>Anzeige&amp;name</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Chan&amp;ge plan</source>
        <translation>&amp;Tarif ändern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Plan</source>
        <translation>Tari&amp;f</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New tenant</source>
        <translation>Neuer Mandant</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New tenant slug</source>
        <translation>Kürzel des neuen Mandanten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>slug, e.g. initech</source>
        <translation>Kürzel, z. B. initech</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New tenant display name</source>
        <translation>Anzeigename des neuen Mandanten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Display name (optional)</source>
        <translation>Anzeigename (optional)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New tenant plan</source>
        <translation>Tarif des neuen Mandanten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Create tenant</source>
        <translation>Mandant &amp;anlegen</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Change the tenant&apos;s display name (the slug stays)</source>
        <translation>Den Anzeigenamen des Mandanten ändern (das Kürzel bleibt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the tenant to this plan, with these overrides of its limits</source>
        <translation>Den Mandanten mit diesen Anpassungen seiner Limits auf diesen Tarif umstellen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Creating tenants needs an instance administrator; you are not one.</source>
        <translation>Zum Anlegen von Mandanten ist ein Instanzadministrator nötig; Sie sind keiner.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Create the tenant; you become its owner</source>
        <translation>Den Mandanten anlegen; Sie werden sein Eigentümer</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Tenant %1 is now called %2</source>
        <translation>Mandant %1 heißt jetzt %2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The overrides are not a JSON object (%1); write them like {&quot;max_stores&quot;: 10}, or leave the field empty for none.</source>
        <translation>Die Anpassungen sind kein JSON-Objekt (%1); schreiben Sie sie wie {&quot;max_stores&quot;: 10}, oder lassen Sie das Feld leer, wenn es keine gibt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not an object</source>
        <translation>kein Objekt</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Tenant %1 is now on the %2 plan%3</source>
        <translation>Mandant %1 hat jetzt den Tarif %2%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, with overrides</source>
        <translation>, mit Anpassungen</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Created tenant %1 on the %2 plan</source>
        <translation>Mandant %1 mit Tarif %2 angelegt</translation>
    </message>
</context>
<context>
    <name>vd::ui::TokenTableModel</name>
    <message>
        <location filename="../ui/tokens/tokentablemodel.cpp" line="+103"/>
        <source>Revoked %1</source>
        <translation>Widerrufen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 by %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The first characters of the secret, to tell which token a configured or leaked secret is</source>
        <translation>Die ersten Zeichen des Geheimnisses, um zu erkennen, zu welchem Token ein konfiguriertes oder geleaktes Geheimnis gehört</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Secret starts</source>
        <translation>Geheimnis beginnt mit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>vd::ui::TokensDialog</name>
    <message>
        <location filename="../ui/tokens/tokensdialog.cpp" line="+42"/>
        <source>API tokens · %1</source>
        <translation>API-Token · %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tokens let applications and the OpenAI SDKs call &lt;tt&gt;vectordesk serve&lt;/tt&gt; as tenant %1, with one role each (like &lt;tt&gt;vectordesk token&lt;/tt&gt;). Only a hash of each secret is kept.</source>
        <translation>Mit Token rufen Anwendungen und die OpenAI-SDKs &lt;tt&gt;vectordesk serve&lt;/tt&gt; als Mandant %1 auf, jeweils mit einer Rolle (wie &lt;tt&gt;vectordesk token&lt;/tt&gt;). Von jedem Geheimnis wird nur ein Hash gespeichert.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>API tokens of %1</source>
        <translation>API-Token von %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>S&amp;how revoked and expired tokens</source>
        <translation>&amp;Widerrufene und abgelaufene Token anzeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show revoked and expired tokens</source>
        <translation>Widerrufene und abgelaufene Token anzeigen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New token name</source>
        <translation>Name des neuen Tokens</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. ci-pipeline (letters, digits, - _ .)</source>
        <translation>z. B. ci-pipeline (Buchstaben, Ziffern, - _ .)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New token role</source>
        <translation>Rolle des neuen Tokens</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Viewer reads and searches; editor also uploads and attaches files; admin also manages stores</source>
        <translation>Betrachter lesen und suchen; Bearbeiter laden zudem Dateien hoch und fügen sie hinzu; Administratoren verwalten zudem Speicher</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>R&amp;ole</source>
        <translation>R&amp;olle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E&amp;xpires after</source>
        <translation>Läuft &amp;ab nach</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The token expires</source>
        <translation>Das Token läuft ab</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Days until the token expires</source>
        <translation>Tage bis zum Ablauf des Tokens</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> days</source>
        <translation> Tagen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Create token</source>
        <translation>Token an&amp;legen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create the API token</source>
        <translation>Das API-Token anlegen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expiry</source>
        <translation>Ablauf</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The new token&apos;s secret, shown once</source>
        <translation>Das Geheimnis des neuen Tokens, nur einmal angezeigt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Co&amp;py</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the secret to the clipboard</source>
        <translation>Das Geheimnis in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I have &amp;saved it</source>
        <translation>Ich habe es &amp;gespeichert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hide the secret for good</source>
        <translation>Das Geheimnis endgültig ausblenden</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>API tokens state</source>
        <translation>Status der API-Token</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Revoke…</source>
        <translation>Wide&amp;rrufen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revoke the selected token</source>
        <translation>Das ausgewählte Token widerrufen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The secret is on the clipboard.</source>
        <translation>Das Geheimnis ist in der Zwischenablage.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 has no API tokens.</source>
        <translation>%1 hat keine API-Token.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 has no active API tokens.</source>
        <translation>%1 hat keine aktiven API-Token.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Create the token; its secret is shown once</source>
        <translation>Das Token anlegen; sein Geheimnis wird einmal angezeigt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name the token first.</source>
        <translation>Geben Sie dem Token zuerst einen Namen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a token first.</source>
        <translation>Wählen Sie zuerst ein Token aus.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is already revoked.</source>
        <translation>%1 ist bereits widerrufen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop %1 from working at once; this cannot be undone</source>
        <translation>%1 sofort unwirksam machen; das lässt sich nicht rückgängig machen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Creating API token %1…</source>
        <translation>API-Token %1 wird angelegt…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Created API token %1 (%2) in %3</source>
        <translation>API-Token %1 (%2) in %3 angelegt</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&lt;b&gt;Copy the secret of %1 now: it is shown only this once.&lt;/b&gt; VectorDesk keeps only its hash, so it cannot be shown again; if it is lost, revoke the token and create another.</source>
        <translation>&lt;b&gt;Kopieren Sie das Geheimnis von %1 jetzt: Es wird nur dieses eine Mal angezeigt.&lt;/b&gt; VectorDesk speichert nur seinen Hash und kann es daher nicht erneut anzeigen; geht es verloren, widerrufen Sie das Token und legen Sie ein neues an.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Revoke API token %1?</source>
        <translation>API-Token %1 widerrufen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke API token %1 of %2?</source>
        <translation>API-Token %1 von %2 widerrufen?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every request with its secret (prefix %1…) is refused from now on, with 401. Revoking cannot be undone; the token stays in the list as revoked.</source>
        <translation>Jede Anfrage mit seinem Geheimnis (Präfix %1…) wird ab jetzt mit 401 abgelehnt. Das Widerrufen lässt sich nicht rückgängig machen; das Token bleibt als widerrufen in der Liste.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revoke token</source>
        <translation>Token widerrufen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Revoking API token %1…</source>
        <translation>API-Token %1 wird widerrufen…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Revoked API token %1 of %2</source>
        <translation>API-Token %1 von %2 widerrufen</translation>
    </message>
</context>
<context>
    <name>vd::ui::TrashDialog</name>
    <message>
        <location filename="../ui/dialogs/trashdialog.cpp" line="+46"/>
        <source>Trash · %1</source>
        <translation>Papierkorb · %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deleted stores and detached files of %1. A restored store comes back with its files and index, a restored file with its chunks searchable again; the purge removes them for good after the retention period.</source>
        <translation>Gelöschte Speicher und entfernte Dateien von %1. Ein wiederhergestellter Speicher kommt mit seinen Dateien und seinem Index zurück, eine wiederhergestellte Datei mit wieder durchsuchbaren Abschnitten; nach Ablauf der Aufbewahrungsfrist werden sie endgültig gelöscht.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Deleted stores</source>
        <translation>Gelöschte Speicher</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Store</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detached files</source>
        <translation>Entfernte Dateien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Detached</source>
        <translation>Entfernt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Stores</source>
        <translation>&amp;Speicher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Files</source>
        <translation>&amp;Dateien</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Stores (%1)</source>
        <translation>&amp;Speicher (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Files (%1)</source>
        <translation>&amp;Dateien (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The trash is empty.</source>
        <translation>Der Papierkorb ist leer.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No detached files; %1 in the Stores tab.</source>
        <translation>Keine entfernten Dateien; %1 auf der Registerkarte „Speicher“.</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln deleted store(s)</source>
        <translation>
            <numerusform>%Ln gelöschter Speicher</numerusform>
            <numerusform>%Ln gelöschte Speicher</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select files and press Restore (or Enter) to attach them again.</source>
        <translation>Wählen Sie Dateien aus und klicken Sie auf „Wiederherstellen“ (oder drücken Sie die Eingabetaste), um sie erneut hinzuzufügen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No deleted stores; %1 in the Files tab.</source>
        <translation>Keine gelöschten Speicher; %1 auf der Registerkarte „Dateien“.</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln detached file(s)</source>
        <translation>
            <numerusform>%Ln entfernte Datei</numerusform>
            <numerusform>%Ln entfernte Dateien</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Select detached files</source>
        <translation>Entfernte Dateien auswählen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Select a deleted store</source>
        <translation>Einen gelöschten Speicher auswählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attach the selected files again, their chunks searchable (Enter)</source>
        <translation>Die ausgewählten Dateien erneut hinzufügen, ihre Abschnitte wieder durchsuchbar (Eingabetaste)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bring the store back with its files (Enter)</source>
        <translation>Den Speicher mit seinen Dateien zurückholen (Eingabetaste)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore the selected files</source>
        <translation>Die ausgewählten Dateien wiederherstellen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Restore the selected store</source>
        <translation>Den ausgewählten Speicher wiederherstellen</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Restored store %1</source>
        <translation>Speicher %1 wiederhergestellt</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Restored file %1</source>
        <translation>Datei %1 wiederhergestellt</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Restored %Ln file(s)</source>
        <translation>
            <numerusform>%Ln Datei wiederhergestellt</numerusform>
            <numerusform>%Ln Dateien wiederhergestellt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vd::ui::WelcomeDialog</name>
    <message>
        <location filename="../ui/welcome/welcomedialog.cpp" line="+26"/>
        <source>Welcome to VectorDesk</source>
        <translation>Willkommen bei VectorDesk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;This database has no tenants yet.&lt;/b&gt;&lt;br&gt;A tenant is one customer or team; its vector stores hold the documents that file search reads. Create the first of each here, then drop documents onto the store to index them.</source>
        <translation>&lt;b&gt;Diese Datenbank hat noch keine Mandanten.&lt;/b&gt;&lt;br&gt;Ein Mandant ist ein Kunde oder ein Team; seine Vektorspeicher enthalten die Dokumente, die die Dateisuche liest. Legen Sie hier jeweils den ersten an und legen Sie dann Dokumente auf dem Speicher ab, um sie zu indizieren.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A short name for scripts and the command line: letters, digits and hyphens.</source>
        <translation>Ein kurzer Name für Skripte und die Befehlszeile: Buchstaben, Ziffern und Bindestriche.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Te&amp;nant</source>
        <translation>&amp;Mandant</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>As people call it, e.g. Acme Corp (default: the tenant)</source>
        <translation>Wie man ihn nennt, z. B. Acme Corp (leer: wie Mandant)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Display name</source>
        <translation>&amp;Anzeigename</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>On this computer (embedded engine, works offline)</source>
        <translation>Auf diesem Computer (eingebettete Engine, funktioniert offline)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OpenAI&apos;s hosted vector stores (needs an API key)</source>
        <translation>Von OpenAI gehostete Vektorspeicher (erfordert einen API-Schlüssel)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stores &amp;kept</source>
        <translation>Speicher&amp;ort</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First &amp;store</source>
        <translation>Erster &amp;Speicher</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+19"/>
        <source>&amp;Create</source>
        <translation>An&amp;legen</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Not now</source>
        <translation>Nicht jetzt</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Create and set the key…</source>
        <translation>Anlegen und Schlüssel &amp;hinterlegen…</translation>
    </message>
</context>
<context>
    <name>vd::ui::format</name>
    <message>
        <location filename="../ui/models/displayformat.cpp" line="+70"/>
        <source>%1%</source>
        <comment>a percentage: the number, then the percent sign as the language writes it</comment>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>in a moment</source>
        <translation>gleich</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>in %Ln min</source>
        <translation>
            <numerusform>in %Ln Min.</numerusform>
            <numerusform>in %Ln Min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln min ago</source>
        <translation>
            <numerusform>vor %Ln Min.</numerusform>
            <numerusform>vor %Ln Min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>in %Ln h</source>
        <translation>
            <numerusform>in %Ln Std.</numerusform>
            <numerusform>in %Ln Std.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln h ago</source>
        <translation>
            <numerusform>vor %Ln Std.</numerusform>
            <numerusform>vor %Ln Std.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>tomorrow</source>
        <translation>morgen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>yesterday</source>
        <translation>gestern</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>in %Ln day(s)</source>
        <translation>
            <numerusform>in %Ln Tag</numerusform>
            <numerusform>in %Ln Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln day(s) ago</source>
        <translation>
            <numerusform>vor %Ln Tag</numerusform>
            <numerusform>vor %Ln Tagen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+35"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>expired on %1</source>
        <translation>am %1 abgelaufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expired %1</source>
        <translation>%1 abgelaufen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>on %1</source>
        <translation>am %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+15"/>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+15"/>
        <source>In progress</source>
        <translation>In Bearbeitung</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Viewer</source>
        <translation>Betrachter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Editor</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Admin</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Owner</source>
        <translation>Eigentümer</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>viewer</source>
        <comment>a role inside a sentence</comment>
        <translation>Betrachter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>editor</source>
        <comment>a role inside a sentence</comment>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>admin</source>
        <comment>a role inside a sentence</comment>
        <translation>Administrator</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>owner</source>
        <comment>a role inside a sentence</comment>
        <translation>Eigentümer</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Local</source>
        <translation>Lokal</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>SQLite file %1</source>
        <translation>SQLite-Datei %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>socket %1 (port %2)</source>
        <translation>Socket %1 (Port %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PostgreSQL database %1 at %2 as user %3</source>
        <translation>PostgreSQL-Datenbank %1 auf %2 als Benutzer %3</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 completed, %2 in progress, %3 failed, %4 cancelled</source>
        <translation>%1 abgeschlossen, %2 in Bearbeitung, %3 fehlgeschlagen, %4 abgebrochen</translation>
    </message>
</context>
</TS>
