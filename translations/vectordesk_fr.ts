<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/attach/attachplan.cpp" line="+83"/>
        <source>Skipped: %1</source>
        <translation>Ignoré&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Checking the dropped files was cancelled.</source>
        <translation>La vérification des fichiers déposés a été annulée.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cannot be read: %1</source>
        <translation>Illisible&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../ui/agents/agentsdialog.cpp" line="+41"/>
        <source>tenant_default: the tenant&apos;s primary store</source>
        <translation>tenant_default&#xa0;: la base principale du locataire</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>explicit: the stores bound to it</source>
        <translation>explicit&#xa0;: les bases qui lui sont liées</translation>
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
        <translation>Activité</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What this window has done lately, newest first. Select an operation to see its log lines; copy a request id to find it in the JSON log or the audit trail.</source>
        <translation>Ce que cette fenêtre a fait récemment, du plus récent au plus ancien. Sélectionnez une opération pour afficher ses lignes de journal&#xa0;; copiez un ID de requête pour la retrouver dans le journal JSON ou le journal d&apos;audit.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+40"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Operation</source>
        <translation>Opération</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tenant</source>
        <translation>Locataire</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+24"/>
        <location line="+16"/>
        <source>Request id</source>
        <translation>ID de requête</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Measure</source>
        <translation>Mesure</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Count</source>
        <translation>Nombre</translation>
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
        <translation>Débogage et plus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Info and above</source>
        <translation>Info et plus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warnings and errors</source>
        <translation>Avertissements et erreurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors only</source>
        <translation>Erreurs uniquement</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Category contains, e.g. engine</source>
        <translation>Catégorie contenant, p. ex. engine</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Copy request id</source>
        <translation>&amp;Copier l&apos;ID de requête</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log:</source>
        <translation>Journal&#xa0;:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>The last ingestion of %1 in this window: request %2, %3.</source>
        <translation>Dernière indexation de %1 dans cette fenêtre&#xa0;: requête %2, %3.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This window has not ingested %1 since it started: its log lines are in the JSON log of the process that did (vectordesk serve, --sync or another window), under the file&apos;s name.</source>
        <translation>Cette fenêtre n&apos;a pas indexé %1 depuis son démarrage&#xa0;: ses lignes de journal se trouvent dans le journal JSON du processus qui l&apos;a fait (vectordesk serve, --sync ou une autre fenêtre), sous le nom du fichier.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Search</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attach (the call)</source>
        <translation>Ajout (l&apos;appel)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ingestion (attach to done)</source>
        <translation>Indexation (de l&apos;ajout à la fin)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OpenAI request</source>
        <translation>Requête OpenAI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync pass</source>
        <translation>Passe de synchronisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chunks ingested</source>
        <translation>Segments indexés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bytes ingested</source>
        <translation>Octets indexés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quota refusals</source>
        <translation>Refus pour quota</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OpenAI retries</source>
        <translation>Nouvelles tentatives OpenAI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OpenAI errors</source>
        <translation>Erreurs OpenAI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trace spans dropped</source>
        <translation>Spans de trace abandonnés</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>reading…</source>
        <translation>lecture…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Files waiting for ingestion</source>
        <translation>Fichiers en attente d&apos;indexation</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Oldest waiting since</source>
        <translation>Plus ancien en attente depuis</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Read from the database at %1.</source>
        <translation>Lu dans la base de données à %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading the queue from the database…</source>
        <translation>Lecture de la file d&apos;attente dans la base de données…</translation>
    </message>
</context>
<context>
    <name>vd::ui::AdminActions</name>
    <message>
        <location filename="../ui/admin/adminactions.cpp" line="+50"/>
        <source>&amp;Members and roles…</source>
        <translation>&amp;Membres et rôles…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who may work in each tenant, and with which role</source>
        <translation>Qui peut travailler dans chaque locataire, et avec quel rôle</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Tenants and plans…</source>
        <translation>&amp;Locataires et offres…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create and rename tenants, change their plan and its overrides</source>
        <translation>Créer et renommer des locataires, changer leur offre et ses dérogations</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Au&amp;dit log…</source>
        <translation>Journal d&apos;a&amp;udit…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who changed what in a tenant, and when</source>
        <translation>Qui a modifié quoi dans un locataire, et quand</translation>
    </message>
</context>
<context>
    <name>vd::ui::AdminDialog</name>
    <message>
        <location filename="../ui/admin/admindialog.cpp" line="+22"/>
        <source>Tenant</source>
        <translation>Locataire</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Select a tenant first.</source>
        <translation>Sélectionnez d&apos;abord un locataire.</translation>
    </message>
</context>
<context>
    <name>vd::ui::AgentsDialog</name>
    <message>
        <location filename="../ui/agents/agentsdialog.cpp" line="+16"/>
        <source>Agents of %1</source>
        <translation>Agents de %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Agents and their status</source>
        <translation>Agents et leur état</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete agent…</source>
        <translation>&amp;Supprimer l&apos;agent…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New agent name</source>
        <translation>Nom du nouvel agent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. support</source>
        <translation>p. ex. support</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New agent binding mode</source>
        <translation>Mode de liaison du nouvel agent</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New agent&apos;s first store</source>
        <translation>Première base du nouvel agent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;reate agent</source>
        <translation>&amp;Créer l&apos;agent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+72"/>
        <source>Searches</source>
        <translation>Recherche dans</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>First store</source>
        <translation>Première base</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New agent</source>
        <translation>Nouvel agent</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+58"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="-56"/>
        <location line="+57"/>
        <source>Consumer</source>
        <translation>Consommateur</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Binding mode</source>
        <translation>Mode de liaison</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bound stores</source>
        <translation>Bases liées</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Store to bind</source>
        <translation>Base à lier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Bind</source>
        <translation>&amp;Lier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Unbind</source>
        <translation>&amp;Délier</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+47"/>
        <source>file_search options</source>
        <translation>Options de file_search</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tool JSON</source>
        <translation>JSON de l&apos;outil</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Copy tool JSON</source>
        <translation>Co&amp;pier le JSON de l&apos;outil</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Query</source>
        <translation>Requête</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A question the agent would search for</source>
        <translation>Une question que l&apos;agent rechercherait</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Try as this agent</source>
        <translation>&amp;Tester en tant que cet agent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the model receives</source>
        <translation>Ce que reçoit le modèle</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Stores</source>
        <translation>Bases</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Tool JSON for the Responses API</source>
        <translation>JSON de l&apos;outil pour l&apos;API Responses</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Loading the tenant…</source>
        <translation>Chargement du locataire…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Loading agents…</source>
        <translation>Chargement des agents…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>(none yet)</source>
        <translation>(aucune pour l&apos;instant)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No agents yet: name one under New agent.</source>
        <translation>Aucun agent pour l&apos;instant&#xa0;: nommez-en un sous Nouvel agent.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n agent(s)</source>
        <translation>
            <numerusform>%n agent</numerusform>
            <numerusform>%n agents</numerusform>
        </translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Select an agent first.</source>
        <translation>Sélectionnez d&apos;abord un agent.</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+6"/>
        <location line="+7"/>
        <location line="+10"/>
        <location line="+7"/>
        <source>A change is running…</source>
        <translation>Une modification est en cours…</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Create the agent in %1</source>
        <translation>Créer l&apos;agent dans %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Delete the selected agent; its applications can no longer fetch its tool</source>
        <translation>Supprimer l&apos;agent sélectionné&#xa0;; ses applications ne pourront plus récupérer son outil</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save description, consumer, binding mode and options</source>
        <translation>Enregistrer la description, le consommateur, le mode de liaison et les options</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The agent follows the tenant&apos;s primary store; choose explicit under Searches and save first.</source>
        <translation>L&apos;agent suit la base principale du locataire&#xa0;; choisissez explicit sous Recherche dans, puis enregistrez d&apos;abord.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every store of %1 is bound already.</source>
        <translation>Toutes les bases de %1 sont déjà liées.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bind the chosen store to the agent</source>
        <translation>Lier la base choisie à l&apos;agent</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Select a bound store first.</source>
        <translation>Sélectionnez d&apos;abord une base liée.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unbind the selected store from the agent</source>
        <translation>Délier la base sélectionnée de l&apos;agent</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Name the agent.</source>
        <translation>Nommez l&apos;agent.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The options are not a JSON object: %1.</source>
        <translation>Les options ne sont pas un objet JSON&#xa0;: %1.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Error: %1</source>
        <translation>Erreur&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning: %1</source>
        <translation>Avertissement&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Saved agent %1.</source>
        <translation>Agent %1 enregistré.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Created agent %1.</source>
        <translation>Agent %1 créé.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Delete agent %1?</source>
        <translation>Supprimer l&apos;agent %1&#xa0;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete agent %1 of %2?</source>
        <translation>Supprimer l&apos;agent %1 de %2&#xa0;?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Applications that fetch its tool (vectordesk agent tool, GET /v1/agents/%1/file_search_tool) get an error from now on. Its stores are kept.</source>
        <translation>Les applications qui récupèrent son outil (vectordesk agent tool, GET /v1/agents/%1/file_search_tool) recevront désormais une erreur. Ses bases sont conservées.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete agent</source>
        <translation>Supprimer l&apos;agent</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Deleted agent %1.</source>
        <translation>Agent %1 supprimé.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Bound %1 to agent %2.</source>
        <translation>%1 lié à l&apos;agent %2.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Unbound %1 from agent %2.</source>
        <translation>%1 délié de l&apos;agent %2.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Searching as %1…</source>
        <translation>Recherche en tant que %1…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>What the model receives:
</source>
        <translation>Ce que reçoit le modèle&#xa0;:
</translation>
    </message>
</context>
<context>
    <name>vd::ui::AttachJob</name>
    <message>
        <location filename="../ui/attach/attachjob.cpp" line="+33"/>
        <source>The database did not open: %1</source>
        <translation>La base de données ne s&apos;est pas ouverte&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Cancelled before its turn.</source>
        <translation>Annulé avant son tour.</translation>
    </message>
</context>
<context>
    <name>vd::ui::AttachModel</name>
    <message>
        <location filename="../ui/attach/attachmodel.cpp" line="+112"/>
        <source>Will be attached</source>
        <translation>Sera ajouté</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Will be refused: %1</source>
        <translation>Sera refusé&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Refused: %1</source>
        <translation>Refusé&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attaching…</source>
        <translation>Ajout…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Attached; indexing failed</source>
        <translation>Ajouté&#xa0;; échec de l&apos;indexation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Indexing failed: %1</source>
        <translation>Échec de l&apos;indexation&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attached · %1</source>
        <translation>Ajouté · %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed: %1</source>
        <translation>Échec&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skipped: cancelled before its turn</source>
        <translation>Ignoré&#xa0;: annulé avant son tour</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
</context>
<context>
    <name>vd::ui::AttachSheet</name>
    <message>
        <location filename="../ui/attach/attachsheet.cpp" line="+33"/>
        <source>Attach files</source>
        <translation>Ajouter des fichiers</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Files to attach</source>
        <translation>Fichiers à ajouter</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>C&amp;hunking</source>
        <translation>&amp;Découpage</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Att&amp;ributes…</source>
        <translation>&amp;Attributs…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give every attached file attributes that search filters match</source>
        <translation>Donner à chaque fichier ajouté des attributs sur lesquels portent les filtres de recherche</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Attributes of the attached files</source>
        <translation>Attributs des fichiers ajoutés</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Overall attach progress</source>
        <translation>Progression globale de l&apos;ajout</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Retry failed</source>
        <translation>Réessayer les échecs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retry the files that failed</source>
        <translation>Réessayer les fichiers en échec</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+195"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="-192"/>
        <location line="+221"/>
        <source>Attach</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>Attached %1 to %2</source>
        <translation>Ajout à %2&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln fichier</numerusform>
            <numerusform>%Ln fichiers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <location line="+107"/>
        <source>%Ln failed</source>
        <translation>
            <numerusform>%Ln en échec</numerusform>
            <numerusform>%Ln en échec</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-105"/>
        <location line="+107"/>
        <source>%Ln skipped</source>
        <translation>
            <numerusform>%Ln ignoré</numerusform>
            <numerusform>%Ln ignorés</numerusform>
        </translation>
    </message>
    <message>
        <location line="-73"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the attach report</source>
        <translation>Fermer le rapport d&apos;ajout</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel attaching</source>
        <translation>Annuler l&apos;ajout</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel without attaching</source>
        <translation>Annuler sans rien ajouter</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the store</source>
        <translation>la base</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>Attach to %1</source>
        <translation>Ajouter à %1</translation>
    </message>
    <message numerus="yes">
        <location line="-5"/>
        <source>Checking %Ln dropped item(s)…</source>
        <translation>
            <numerusform>Vérification de %Ln élément déposé…</numerusform>
            <numerusform>Vérification de %Ln éléments déposés…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%Ln file(s) will be attached</source>
        <translation>
            <numerusform>%Ln fichier sera ajouté</numerusform>
            <numerusform>%Ln fichiers seront ajoutés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <location line="+36"/>
        <source>%Ln refused</source>
        <translation>
            <numerusform>%Ln refusé</numerusform>
            <numerusform>%Ln refusés</numerusform>
        </translation>
    </message>
    <message>
        <location line="-35"/>
        <source>nothing is written until you confirm</source>
        <translation>rien n&apos;est écrit tant que vous n&apos;avez pas confirmé</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Attach %Ln file(s)</source>
        <translation>
            <numerusform>Ajouter %Ln fichier</numerusform>
            <numerusform>Ajouter %Ln fichiers</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Nothing to attach</source>
        <translation>Rien à ajouter</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Attaching to %1</source>
        <translation>Ajout à %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 done</source>
        <translation>Terminé&#xa0;: %1 sur %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+21"/>
        <source>%v of %m files</source>
        <translation>%v fichiers sur %m</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Attach report · %1</source>
        <translation>Rapport d&apos;ajout · %1</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%Ln attached</source>
        <translation>
            <numerusform>%Ln ajouté</numerusform>
            <numerusform>%Ln ajoutés</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vd::ui::AuditDialog</name>
    <message>
        <location filename="../ui/admin/auditdialog.cpp" line="+31"/>
        <source>Audit log</source>
        <translation>Journal d&apos;audit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tenant:</source>
        <translation>Locataire&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Filter by operator</source>
        <translation>Filtrer par opérateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+28"/>
        <source>Operator</source>
        <translation>Opérateur</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Filter by action</source>
        <translation>Filtrer par action</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+110"/>
        <source>Any action</source>
        <translation>Toutes les actions</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>Filter by time</source>
        <translation>Filtrer par période</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any time</source>
        <translation>Toute période</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last hour</source>
        <translation>Dernière heure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 24 hours</source>
        <translation>Dernières 24 heures</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Newest</source>
        <translation>Les plus récentes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How many of the newest entries to load</source>
        <translation>Nombre d&apos;entrées les plus récentes à charger</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> entries</source>
        <translation> entrées</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit log entries</source>
        <translation>Entrées du journal d&apos;audit</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Request %1</source>
        <translation>Requête %1</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>The newest %Ln matching entry(s); load more to look further back.</source>
        <translation>
            <numerusform>La %Ln entrée correspondante la plus récente&#xa0;; chargez-en plus pour remonter plus loin.</numerusform>
            <numerusform>Les %Ln entrées correspondantes les plus récentes&#xa0;; chargez-en plus pour remonter plus loin.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The newest %Ln entry(s); load more to look further back.</source>
        <translation>
            <numerusform>La %Ln entrée la plus récente&#xa0;; chargez-en plus pour remonter plus loin.</numerusform>
            <numerusform>Les %Ln entrées les plus récentes&#xa0;; chargez-en plus pour remonter plus loin.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln entry(s) match(es).</source>
        <translation>
            <numerusform>%Ln entrée correspond.</numerusform>
            <numerusform>%Ln entrées correspondent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln entry(s).</source>
        <translation>
            <numerusform>%Ln entrée.</numerusform>
            <numerusform>%Ln entrées.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vd::ui::ChunkModel</name>
    <message>
        <location filename="../ui/files/chunkmodel.cpp" line="+165"/>
        <source>Byte offsets in the extracted text</source>
        <translation>Positions en octets dans le texte extrait</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Chunk</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tokens</source>
        <translation>Jetons</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bytes</source>
        <translation>Octets</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
</context>
<context>
    <name>vd::ui::ChunkingEditor</name>
    <message>
        <location filename="../ui/widgets/chunkingeditor.cpp" line="+27"/>
        <source>Chunking</source>
        <translation>Découpage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automatic (800-token chunks, 400 overlap)</source>
        <translation>Automatique (segments de 800 jetons, chevauchement de 400)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fixed size</source>
        <translation>Taille fixe</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Tokens per chunk</source>
        <translation>Jetons par segment</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+8"/>
        <source> tokens</source>
        <translation> jetons</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Tokens per chunk: %1 to %2.</source>
        <translation>Jetons par segment&#xa0;: de %1 à %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Overlap between chunks in tokens</source>
        <translation>Chevauchement entre segments, en jetons</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tokens each chunk repeats from the one before: at most half the chunk size.</source>
        <translation>Jetons que chaque segment reprend du précédent&#xa0;: au plus la moitié de la taille du segment.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>chunks of</source>
        <translation>segments de</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>overlap</source>
        <translation>chevauchement</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The store&apos;s: %1</source>
        <translation>Celui de la base&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>fixed, %1-token chunks, %2 overlap</source>
        <translation>fixe, segments de %1 jetons, chevauchement de %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>automatic</source>
        <translation>automatique</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>An overlap of %1 tokens is too large for %2-token chunks; use 0 to %3.</source>
        <translation>Un chevauchement de %1 jetons est trop grand pour des segments de %2 jetons&#xa0;; utilisez une valeur de 0 à %3.</translation>
    </message>
</context>
<context>
    <name>vd::ui::FilePage</name>
    <message>
        <location filename="../ui/files/filepage.cpp" line="+40"/>
        <source>File id</source>
        <translation>ID du fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store</source>
        <translation>Base</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last error</source>
        <translation>Dernière erreur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Indexed</source>
        <translation>Indexé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chunking</source>
        <translation>Découpage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attributes</source>
        <translation>Attributs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attached</source>
        <translation>Ajouté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>Mis à jour</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status since</source>
        <translation>État depuis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detached</source>
        <translation>Retiré</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+181"/>
        <source>File %1</source>
        <translation>Fichier %1</translation>
    </message>
    <message>
        <location line="-178"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Chunks of the file</source>
        <translation>Segments du fichier</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The selected chunk</source>
        <translation>Le segment sélectionné</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a chunk to read it whole.</source>
        <translation>Sélectionnez un segment pour le lire en entier.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Retry</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ca&amp;ncel processing</source>
        <translation>Annu&amp;ler le traitement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit &amp;attributes…</source>
        <translation>Modifier les &amp;attributs…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Detach…</source>
        <translation>Re&amp;tirer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;store</source>
        <translation>Re&amp;staurer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Log lines…</source>
        <translation>Lignes du &amp;journal…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The log lines of this file&apos;s last ingestion in this window (View › Activity)</source>
        <translation>Les lignes de journal de la dernière indexation de ce fichier dans cette fenêtre (Affichage › Activité)</translation>
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
        <translation>%1 (retiré)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (%2 bytes)</source>
        <translation>%1 (%2 octets)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Static: %1-token chunks, %2 overlap</source>
        <translation>Fixe&#xa0;: segments de %1 jetons, chevauchement de %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Automatic (%1-token chunks, %2 overlap)</source>
        <translation>Automatique (segments de %1 jetons, chevauchement de %2)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This file is detached from %1: it is not searchable. Restore it to attach it again with its chunks.</source>
        <translation>Ce fichier est retiré de %1&#xa0;: il n&apos;apparaît plus dans les recherches. Restaurez-le pour l&apos;ajouter de nouveau avec ses segments.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The file is detached; restore it to read its chunks.</source>
        <translation>Le fichier est retiré&#xa0;; restaurez-le pour lire ses segments.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is not indexed yet; its chunks appear when it is.</source>
        <translation>Le fichier n&apos;est pas encore indexé&#xa0;; ses segments apparaîtront une fois qu&apos;il le sera.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file failed to index, so it has no chunks. Fix the cause (Last error) and press Retry.</source>
        <translation>L&apos;indexation du fichier a échoué, il n&apos;a donc aucun segment. Corrigez la cause (Dernière erreur) et cliquez sur Réessayer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Processing was cancelled; press Retry to index the file.</source>
        <translation>Le traitement a été annulé&#xa0;; cliquez sur Réessayer pour indexer le fichier.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading chunks…</source>
        <translation>Chargement des segments…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file has no chunks (no text could be extracted).</source>
        <translation>Le fichier n&apos;a aucun segment (aucun texte n&apos;a pu être extrait).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Chunks</source>
        <translation>Segments</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chunks 0–%1 loaded; more load as you scroll</source>
        <translation>Segments 0 à %1 chargés&#xa0;; la suite se charge au défilement</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln chunk(s)</source>
        <translation>
            <numerusform>%Ln segment</numerusform>
            <numerusform>%Ln segments</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Chunk %1 · %2 tokens · bytes %3–%4</source>
        <translation>Segment %1 · %2 jetons · octets %3–%4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the dimmed start repeats the end of chunk %1</source>
        <translation>le début estompé reprend la fin du segment %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Only failed, cancelled or stuck files can be retried.</source>
        <translation>Seuls les fichiers en échec, annulés ou bloqués peuvent être réessayés.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Put the file back in the indexing queue</source>
        <translation>Remettre le fichier dans la file d&apos;indexation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only files in progress can be cancelled.</source>
        <translation>Seuls les fichiers en cours peuvent être annulés.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop processing the file</source>
        <translation>Arrêter le traitement du fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore the file to edit its attributes.</source>
        <translation>Restaurez le fichier pour modifier ses attributs.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the attributes search filters match</source>
        <translation>Modifier les attributs sur lesquels portent les filtres de recherche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is already detached.</source>
        <translation>Le fichier est déjà retiré.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the file from the store (it goes to the trash)</source>
        <translation>Retirer le fichier de la base (il est placé dans la corbeille)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is attached.</source>
        <translation>Le fichier est ajouté.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Attach the file again, its chunks searchable</source>
        <translation>Ajouter de nouveau le fichier, avec ses segments interrogeables</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Retrying %1</source>
        <translation>Nouvelle tentative&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled %1</source>
        <translation>Annulé&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restored file %1</source>
        <translation>Fichier %1 restauré</translation>
    </message>
</context>
<context>
    <name>vd::ui::FilePanel</name>
    <message>
        <location filename="../ui/panels/filepanel.cpp" line="+51"/>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>E&amp;xport files…</source>
        <translation>E&amp;xporter les fichiers…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the store&apos;s files (those the filter matches) as CSV or JSON (Ctrl+Shift+X)</source>
        <translation>Enregistrer les fichiers de la base (ceux qui correspondent au filtre) au format CSV ou JSON (Ctrl+Maj+X)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export the files</source>
        <translation>Exporter les fichiers</translation>
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
        <translation>Filtrer par nom…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter files by name</source>
        <translation>Filtrer les fichiers par nom</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Last attach report</source>
        <translation>Dernier rapport d&apos;ajout</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the last attach report</source>
        <translation>Afficher le dernier rapport d&apos;ajout</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show what the last attach did, file by file</source>
        <translation>Afficher le résultat du dernier ajout, fichier par fichier</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The files of the selected store</source>
        <translation>Les fichiers de la base sélectionnée</translation>
    </message>
    <message>
        <location line="+172"/>
        <source>counting files…</source>
        <translation>comptage des fichiers…</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <location line="+92"/>
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln fichier</numerusform>
            <numerusform>%Ln fichiers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-90"/>
        <source>%Ln match(es)</source>
        <translation>
            <numerusform>%Ln correspondance</numerusform>
            <numerusform>%Ln correspondances</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln loaded, scroll for more</source>
        <translation>
            <numerusform>%Ln chargé, faites défiler pour la suite</numerusform>
            <numerusform>%Ln chargés, faites défiler pour la suite</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Select a store to see its files.</source>
        <translation>Sélectionnez une base pour afficher ses fichiers.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading the files of %1…</source>
        <translation>Chargement des fichiers de %1…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The files of %1 could not be loaded.</source>
        <translation>Impossible de charger les fichiers de %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No file name in %1 contains “%2”.</source>
        <translation>Aucun nom de fichier de %1 ne contient «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 has no files yet.
Drop files or folders here, or use Add files… (Ctrl+O).
From a shell: vectordesk file attach --tenant %2 --store %3 PATH…</source>
        <translation>%1 n&apos;a encore aucun fichier.
Déposez des fichiers ou des dossiers ici, ou utilisez Ajouter des fichiers… (Ctrl+O).
Depuis un terminal&#xa0;: vectordesk file attach --tenant %2 --store %3 PATH…</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Exported %1 to %2</source>
        <translation>Export vers %2&#xa0;: %1</translation>
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
        <translation>Provenance&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 bytes</source>
        <translation>%1 octets</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 since %2</source>
        <translation>%1 depuis %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attributes</source>
        <translation>Attributs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updated</source>
        <translation>Mis à jour</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last error</source>
        <translation>Dernière erreur</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This column cannot be sorted</source>
        <translation>Cette colonne ne peut pas être triée</translation>
    </message>
</context>
<context>
    <name>vd::ui::FilterEditor</name>
    <message>
        <location filename="../ui/search/filtereditor.cpp" line="+70"/>
        <source>Groups combine with</source>
        <translation>Combiner les groupes avec</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How filter groups combine</source>
        <translation>Mode de combinaison des groupes de filtres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AND (all groups)</source>
        <translation>ET (tous les groupes)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OR (any group)</source>
        <translation>OU (au moins un groupe)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add condition</source>
        <translation>Ajouter une condition</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a filter condition</source>
        <translation>Ajouter une condition de filtre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add group</source>
        <translation>Ajouter un groupe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a filter group</source>
        <translation>Ajouter un groupe de filtres</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This filter nests groups more deeply than rows can show; edit it in the JSON view.</source>
        <translation>Ce filtre imbrique des groupes plus profondément que les lignes ne peuvent l&apos;afficher&#xa0;; modifiez-le dans la vue JSON.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Conditions</source>
        <translation>Conditions</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Filter as JSON</source>
        <translation>Filtre en JSON</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>How the conditions of this group combine</source>
        <translation>Mode de combinaison des conditions de ce groupe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Match all of (AND)</source>
        <translation>Toutes les conditions (ET)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Match any of (OR)</source>
        <translation>Au moins une condition (OU)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove group</source>
        <translation>Supprimer le groupe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove this filter group</source>
        <translation>Supprimer ce groupe de filtres</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>attribute</source>
        <translation>attribut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attribute key</source>
        <translation>Clé de l&apos;attribut</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Comparison</source>
        <translation>Comparaison</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>value (in: a, b, c)</source>
        <translation>valeur (in&#xa0;: a, b, c)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value to compare with</source>
        <translation>Valeur à comparer</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>Remove this condition</source>
        <translation>Supprimer cette condition</translation>
    </message>
    <message>
        <location line="+176"/>
        <source>Not valid JSON at character %1: %2</source>
        <translation>JSON non valide au caractère %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A filter is a JSON object, e.g. {&quot;type&quot;: &quot;eq&quot;, &quot;key&quot;: &quot;year&quot;, &quot;value&quot;: 2024}.</source>
        <translation>Un filtre est un objet JSON, p. ex. {&quot;type&quot;: &quot;eq&quot;, &quot;key&quot;: &quot;year&quot;, &quot;value&quot;: 2024}.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Valid filter</source>
        <translation>Filtre valide</translation>
    </message>
</context>
<context>
    <name>vd::ui::KeyValueEditor</name>
    <message>
        <location filename="../ui/dialogs/keyvalueeditor.cpp" line="+30"/>
        <source>Store metadata</source>
        <translation>Métadonnées de la base</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File attributes</source>
        <translation>Attributs du fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a metadata key</source>
        <translation>Ajouter une clé de métadonnées</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add an attribute</source>
        <translation>Ajouter un attribut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the selected key</source>
        <translation>Supprimer la clé sélectionnée</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Value type</source>
        <translation>Type de valeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Boolean</source>
        <translation>Booléen</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Row %1 has a value but no key.</source>
        <translation>La ligne %1 a une valeur mais pas de clé.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Key “%1…” is %2 characters long; keys may have at most %3.</source>
        <translation>La clé «&#xa0;%1…&#xa0;» compte %2 caractères&#xa0;; une clé ne peut pas en dépasser %3.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Key “%1” appears twice.</source>
        <translation>La clé «&#xa0;%1&#xa0;» apparaît deux fois.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The value of “%1” is %2 characters long; text values may have at most %3.</source>
        <translation>La valeur de «&#xa0;%1&#xa0;» compte %2 caractères&#xa0;; une valeur texte ne peut pas en dépasser %3.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The value of “%1” is not a number.</source>
        <translation>La valeur de «&#xa0;%1&#xa0;» n&apos;est pas un nombre.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The value of “%1” must be true or false.</source>
        <translation>La valeur de «&#xa0;%1&#xa0;» doit être true ou false.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 keys; at most %2 are allowed.</source>
        <translation>%1 clés&#xa0;; %2 au maximum sont autorisées.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 keys</source>
        <translation>%1 clés sur %2</translation>
    </message>
</context>
<context>
    <name>vd::ui::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="+101"/>
        <source>Stores and files</source>
        <translation>Bases et fichiers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search playground</source>
        <translation>Banc d&apos;essai de recherche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try queries, filters and thresholds against the stores of a tenant (Ctrl+F)</source>
        <translation>Tester des requêtes, des filtres et des seuils sur les bases d&apos;un locataire (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The background sync: last run, next run, warnings and errors</source>
        <translation>La synchronisation en arrière-plan&#xa0;: dernière exécution, prochaine exécution, avertissements et erreurs</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Indexed %1</source>
        <translation>Indexé&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <location line="+2"/>
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln fichier</numerusform>
            <numerusform>%Ln fichiers</numerusform>
        </translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Indexed %1; %2 failed (see the Last error column)</source>
        <translation>Indexé&#xa0;: %1&#xa0;; %2 en échec (voir la colonne Dernière erreur)</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reload tenants, stores and files from the database (F5)</source>
        <translation>Recharger les locataires, les bases et les fichiers depuis la base de données (F5)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add &amp;files…</source>
        <translation>Ajouter des &amp;fichiers…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add fo&amp;lder…</source>
        <translation>Ajouter un &amp;dossier…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Search playground</source>
        <translation>&amp;Banc d&apos;essai de recherche</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search the stores of the current tenant (Ctrl+F)</source>
        <translation>Rechercher dans les bases du locataire actuel (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>S&amp;ettings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Settings saved; a new database is used from the next start</source>
        <translation>Paramètres enregistrés&#xa0;; la nouvelle base de données sera utilisée au prochain démarrage</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;About VectorDesk</source>
        <translation>À &amp;propos de VectorDesk</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Main toolbar</source>
        <translation>Barre d&apos;outils principale</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&amp;Store</source>
        <translation>&amp;Base</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Tenant</source>
        <translation>&amp;Locataire</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Agents…</source>
        <translation>&amp;Agents…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Activity…</source>
        <translation>Ac&amp;tivité…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Metadata database: %1</source>
        <translation>Base de données des métadonnées&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+24"/>
        <source>Operator: %1</source>
        <translation>Opérateur&#xa0;: %1</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Every change is recorded in the audit log under this name</source>
        <translation>Chaque modification est consignée sous ce nom dans le journal d&apos;audit</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 to the selected store (a preview comes first)</source>
        <translation>%1 à la base sélectionnée (un aperçu s&apos;affiche d&apos;abord)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a store first</source>
        <translation>Sélectionnez d&apos;abord une base</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Operator: %1 · %2 in %3</source>
        <translation>Opérateur&#xa0;: %1 · %2 dans %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add files to the store</source>
        <translation>Ajouter des fichiers à la base</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Add a folder to the store</source>
        <translation>Ajouter un dossier à la base</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Reloaded from the database</source>
        <translation>Rechargé depuis la base de données</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>About VectorDesk</source>
        <translation>À propos de VectorDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;VectorDesk %1&lt;/h3&gt;&lt;p&gt;Admin console for tenant-scoped vector stores and file search.&lt;/p&gt;&lt;p&gt;Hosted and local stores side by side, per tenant, with quotas, expiry and an audit trail.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;VectorDesk %1&lt;/h3&gt;&lt;p&gt;Console d&apos;administration pour bases vectorielles et recherche de fichiers, par locataire.&lt;/p&gt;&lt;p&gt;Bases hébergées et locales côte à côte, par locataire, avec quotas, expiration et journal d&apos;audit.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Store %1 is ready: drop documents on it (or on the files table) to index them</source>
        <translation>La base %1 est prête&#xa0;: déposez-y des documents (ou sur le tableau des fichiers) pour les indexer</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Set the OpenAI key of tenant %1 under OpenAI keys; then import its stores with: vectordesk store import --tenant %1 --all</source>
        <translation>Définissez la clé OpenAI du locataire %1 sous Clés OpenAI, puis importez ses bases avec&#xa0;: vectordesk store import --tenant %1 --all</translation>
    </message>
</context>
<context>
    <name>vd::ui::MembersDialog</name>
    <message>
        <location filename="../ui/admin/membersdialog.cpp" line="+24"/>
        <source>Members and roles</source>
        <translation>Membres et rôles</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tenant:</source>
        <translation>Locataire&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Viewers read and search; editors also add files; admins also manage stores, tokens and keys; owners also manage members.</source>
        <translation>Les lecteurs consultent et recherchent&#xa0;; les éditeurs peuvent aussi ajouter des fichiers&#xa0;; les administrateurs gèrent aussi les bases, les jetons et les clés&#xa0;; les propriétaires gèrent aussi les membres.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Operator</source>
        <translation>Opérateur</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+12"/>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Member since</source>
        <translation>Membre depuis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members of the tenant</source>
        <translation>Membres du locataire</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Operator name</source>
        <translation>Nom de l&apos;opérateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator name, e.g. bob</source>
        <translation>Nom de l&apos;opérateur, p. ex. bob</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Add or change role</source>
        <translation>&amp;Ajouter ou changer le rôle</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>No members yet.</source>
        <translation>Aucun membre pour l&apos;instant.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Give the operator this role in the tenant</source>
        <translation>Donner ce rôle à l&apos;opérateur dans le locataire</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove the selected member from the tenant</source>
        <translation>Retirer le membre sélectionné du locataire</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 is now %2 of %3</source>
        <translation>%1 est désormais %2 dans %3</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 is no longer a member of %2</source>
        <translation>%1 n&apos;est plus membre de %2</translation>
    </message>
</context>
<context>
    <name>vd::ui::OpenAIKeyBox</name>
    <message>
        <location filename="../ui/settings/openaikeybox.cpp" line="+46"/>
        <source>OpenAI keys</source>
        <translation>Clés OpenAI</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Tenant whose OpenAI key is shown</source>
        <translation>Locataire dont la clé OpenAI est affichée</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New OpenAI API key</source>
        <translation>Nouvelle clé d&apos;API OpenAI</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paste a new key (sk-…)</source>
        <translation>Collez une nouvelle clé (sk-…)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved in the OS keychain, never in the settings; it is not shown again.</source>
        <translation>Enregistrée dans le trousseau du système, jamais dans les paramètres&#xa0;; elle ne sera plus affichée.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save key</source>
        <translation>Enregistrer la clé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the OpenAI key</source>
        <translation>Enregistrer la clé OpenAI</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test</source>
        <translation>Tester</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test the OpenAI key</source>
        <translation>Tester la clé OpenAI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List one vector store with the tenant&apos;s key (as `vectordesk key test`)</source>
        <translation>Lister une base vectorielle avec la clé du locataire (comme `vectordesk key test`)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the OpenAI key from the keychain</source>
        <translation>Supprimer la clé OpenAI du trousseau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>OpenAI key state</source>
        <translation>État de la clé OpenAI</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Te&amp;nant</source>
        <translation>L&amp;ocataire</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New &amp;key</source>
        <translation>&amp;Nouvelle clé</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Reading the keychain…</source>
        <translation>Lecture du trousseau…</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+28"/>
        <source>%1 set (in the keychain)</source>
        <translation>%1 définie (dans le trousseau)</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Not set: paste a key and save it, or set VECTORDESK_OPENAI_API_KEY for headless runs.</source>
        <translation>Non définie&#xa0;: collez une clé et enregistrez-la, ou définissez VECTORDESK_OPENAI_API_KEY pour les exécutions sans interface.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Saving the key of %1 in the keychain…</source>
        <translation>Enregistrement de la clé de %1 dans le trousseau…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The key was not saved: %1</source>
        <translation>La clé n&apos;a pas été enregistrée&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Removing the key of %1 from the keychain…</source>
        <translation>Suppression de la clé de %1 du trousseau…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The key was not removed: %1</source>
        <translation>La clé n&apos;a pas été supprimée&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not set</source>
        <translation>Non définie</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Testing the key of %1…</source>
        <translation>Test de la clé de %1…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The key works with %1</source>
        <translation>La clé fonctionne avec %1</translation>
    </message>
</context>
<context>
    <name>vd::ui::QuotaGauge</name>
    <message>
        <location filename="../ui/quota/quotagauge.cpp" line="+49"/>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: %2 (%3)</source>
        <translation>%1&#xa0;: %2 (%3)</translation>
    </message>
</context>
<context>
    <name>vd::ui::QuotaPanel</name>
    <message>
        <location filename="../ui/quota/quotapanel.cpp" line="+39"/>
        <source>Quota of the selected tenant</source>
        <translation>Quota du locataire sélectionné</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+34"/>
        <source>Quota</source>
        <translation>Quota</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Stores</source>
        <translation>Bases</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files in the fullest store</source>
        <translation>Fichiers dans la base la plus remplie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Storage</source>
        <translation>Stockage</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Estimated OpenAI storage cost</source>
        <translation>Coût estimé du stockage OpenAI</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Quota · %1</source>
        <translation>Quota · %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Select a tenant to see its quota.</source>
        <translation>Sélectionnez un locataire pour afficher son quota.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>plan %1</source>
        <translation>offre %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln live store(s); %1 allows %2.</source>
        <translation>
            <numerusform>%Ln base active&#xa0;; %1 autorise %2.</numerusform>
            <numerusform>%Ln bases actives&#xa0;; %1 autorise %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>The fullest store holds %Ln file(s); %1 allows %2 per store.</source>
        <translation>
            <numerusform>La base la plus remplie contient %Ln fichier&#xa0;; %1 autorise %2 par base.</numerusform>
            <numerusform>La base la plus remplie contient %Ln fichiers&#xa0;; %1 autorise %2 par base.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln file(s) in all stores.</source>
        <translation>
            <numerusform>%Ln fichier dans l&apos;ensemble des bases.</numerusform>
            <numerusform>%Ln fichiers dans l&apos;ensemble des bases.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 bytes of files; %2 allows %3 bytes.</source>
        <translation>%1 octets de fichiers&#xa0;; %2 en autorise %3.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No OpenAI stores: local stores cost nothing to keep.</source>
        <translation>Aucune base OpenAI&#xa0;: les bases locales ne coûtent rien à conserver.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>OpenAI storage: %1 in %2 · about $%3/day (first GiB free, then $0.10 per GiB per day)</source>
        <translation>Stockage OpenAI&#xa0;: %1 dans %2 · environ %3&#xa0;$/jour (premier Gio gratuit, puis 0,10&#xa0;$ par Gio et par jour)</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln store(s)</source>
        <translation>
            <numerusform>%Ln base</numerusform>
            <numerusform>%Ln bases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vd::ui::SearchPanel</name>
    <message>
        <location filename="../ui/search/searchpanel.cpp" line="+76"/>
        <location line="+303"/>
        <source>Select a tenant in Stores and files.</source>
        <translation>Sélectionnez un locataire dans Bases et fichiers.</translation>
    </message>
    <message>
        <location line="-297"/>
        <source>Local stores use keyword search (BM25): a result contains the words of the query, ranked by how often and where they occur, not by meaning. OpenAI stores search by meaning.</source>
        <translation>Les bases locales utilisent une recherche par mots-clés (BM25)&#xa0;: un résultat contient les mots de la requête, classé selon leur fréquence et leur position, et non selon le sens. Les bases OpenAI recherchent selon le sens.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Stores to search</source>
        <translation>&amp;Bases à interroger</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stores to search</source>
        <translation>Bases à interroger</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Search query</source>
        <translation>Requête de recherche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What are you looking for?</source>
        <translation>Que recherchez-vous&#xa0;?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Query</source>
        <translation>&amp;Requête</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Maximum number of results</source>
        <translation>Nombre maximal de résultats</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Max results</source>
        <translation>Résultats &amp;max.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Score threshold</source>
        <translation>Seuil de score</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Score &amp;threshold</source>
        <translation>&amp;Seuil de score</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show or hide the attribute filter</source>
        <translation>Afficher ou masquer le filtre d&apos;attributs</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run the search</source>
        <translation>Lancer la recherche</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Results</source>
        <translation>Résultats</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy as JSON</source>
        <translation>Copier en JSON</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the visible results as JSON</source>
        <translation>Copier les résultats visibles en JSON</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copies the results shown, in OpenAI&apos;s response shape</source>
        <translation>Copie les résultats affichés, au format de réponse d&apos;OpenAI</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export the visible results to a CSV or JSON file</source>
        <translation>Exporter les résultats visibles dans un fichier CSV ou JSON</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saves the results shown as CSV or JSON (Ctrl+Shift+E)</source>
        <translation>Enregistre les résultats affichés au format CSV ou JSON (Ctrl+Maj+E)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Search results</source>
        <translation>Résultats de la recherche</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The selected result&apos;s chunk and its neighbours</source>
        <translation>Le segment du résultat sélectionné et ses voisins</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a result to read its whole chunk with the chunks before and after it.</source>
        <translation>Sélectionnez un résultat pour lire son segment en entier, avec les segments qui le précèdent et le suivent.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Select a tenant in Stores and files, then search its stores here.</source>
        <translation>Sélectionnez un locataire dans Bases et fichiers, puis interrogez ses bases ici.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+254"/>
        <source>Searching…</source>
        <translation>Recherche…</translation>
    </message>
    <message>
        <location line="-252"/>
        <source>Check the stores to search, type a query and press Enter.</source>
        <translation>Cochez les bases à interroger, saisissez une requête et appuyez sur Entrée.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No results for “%1”.
Try other words, a lower threshold or a looser filter.</source>
        <translation>Aucun résultat pour «&#xa0;%1&#xa0;».
Essayez d&apos;autres mots, un seuil plus bas ou un filtre moins strict.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No result scores at or above %1.
Lower the score threshold to see the %2 fetched.</source>
        <translation>Aucun résultat n&apos;atteint le score de %1.
Abaissez le seuil de score pour voir les %2 résultats obtenus.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Attribute filter</source>
        <translation>Filtre d&apos;attributs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attribute filter: on (click to show it)</source>
        <translation>Filtre d&apos;attributs&#xa0;: actif (cliquer pour l&apos;afficher)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attribute filter: none (click to add one)</source>
        <translation>Filtre d&apos;attributs&#xa0;: aucun (cliquer pour en ajouter un)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide the attribute filter, so the results get more room</source>
        <translation>Masquer le filtre d&apos;attributs pour laisser plus de place aux résultats</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the attribute filter</source>
        <translation>Afficher le filtre d&apos;attributs</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Search in %1</source>
        <translation>Rechercher dans %1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Select a tenant first.</source>
        <translation>Sélectionnez d&apos;abord un locataire.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check at least one store to search.</source>
        <translation>Cochez au moins une base à interroger.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type a query.</source>
        <translation>Saisissez une requête.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fix the filter first.</source>
        <translation>Corrigez d&apos;abord le filtre.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search the checked stores (Enter)</source>
        <translation>Rechercher dans les bases cochées (Entrée)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 of %2 results at or above %3</source>
        <translation>%1 résultats sur %2 atteignent %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The search used %1; search again to see lower scores.</source>
        <translation>La recherche a utilisé %1&#xa0;; relancez-la pour voir les scores inférieurs.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The filter is not valid: %1</source>
        <translation>Le filtre n&apos;est pas valide&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The search failed; the message is below the form.</source>
        <translation>La recherche a échoué&#xa0;; le message figure sous le formulaire.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search failed: %1</source>
        <translation>Échec de la recherche&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%Ln store(s)</source>
        <translation>
            <numerusform>%Ln base</numerusform>
            <numerusform>%Ln bases</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No results for “%1” in %2 (%3 ms).</source>
        <translation>Aucun résultat pour «&#xa0;%1&#xa0;» dans %2 (%3 ms).</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln result(s) for “%1” in %2 (%3 ms).</source>
        <translation>
            <numerusform>%Ln résultat pour «&#xa0;%1&#xa0;» dans %2 (%3 ms).</numerusform>
            <numerusform>%Ln résultats pour «&#xa0;%1&#xa0;» dans %2 (%3 ms).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&lt;h3 style=&quot;margin:0&quot;&gt;%1&lt;/h3&gt;&lt;p style=&quot;color:#666&quot;&gt;Score %2 · store %3 · file id %4&lt;/p&gt;</source>
        <translation>&lt;h3 style=&quot;margin:0&quot;&gt;%1&lt;/h3&gt;&lt;p style=&quot;color:#666&quot;&gt;Score %2 · base %3 · ID de fichier %4&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;p style=&quot;color:#666&quot;&gt;OpenAI returns the matching text only; the chunks around it are not available for OpenAI stores.&lt;/p&gt;</source>
        <translation>&lt;p style=&quot;color:#666&quot;&gt;OpenAI ne renvoie que le texte correspondant&#xa0;; les segments voisins ne sont pas disponibles pour les bases OpenAI.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>&lt;p style=&quot;color:#b02a37&quot;&gt;Neighbouring chunks could not be read: %1&lt;/p&gt;</source>
        <translation>&lt;p style=&quot;color:#b02a37&quot;&gt;Impossible de lire les segments voisins&#xa0;: %1&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Chunk %1 (the match) · %2 tokens</source>
        <translation>Segment %1 (la correspondance) · %2 jetons</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chunk %1 · %2 tokens</source>
        <translation>Segment %1 · %2 jetons</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>Copied %Ln result(s) as JSON</source>
        <translation>
            <numerusform>%Ln résultat copié au format JSON</numerusform>
            <numerusform>%Ln résultats copiés au format JSON</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export the results</source>
        <translation>Exporter les résultats</translation>
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
        <translation>Export vers %2&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln result(s)</source>
        <translation>
            <numerusform>%Ln résultat</numerusform>
            <numerusform>%Ln résultats</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vd::ui::SearchResultModel</name>
    <message>
        <location filename="../ui/search/searchresultmodel.cpp" line="+151"/>
        <source>Relevance %1 (0..1)</source>
        <translation>Score de pertinence %1 (0..1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1
file id %2 · store %3</source>
        <translation>%1
ID de fichier %2 · base %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The store the file is in</source>
        <translation>La base qui contient le fichier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select to read the whole chunk and its neighbours; Enter or double-click opens the file&apos;s page at this chunk</source>
        <translation>Sélectionnez pour lire le segment en entier et ses voisins&#xa0;; Entrée ou un double-clic ouvre la page du fichier à ce segment</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Store</source>
        <translation>Base</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Best chunk</source>
        <translation>Meilleur segment</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attributes</source>
        <translation>Attributs</translation>
    </message>
</context>
<context>
    <name>vd::ui::SettingsDialog</name>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="+34"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>SQLite file (this computer only)</source>
        <translation>Fichier SQLite (cet ordinateur uniquement)</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+140"/>
        <source>SQLite database file</source>
        <translation>Fichier de base de données SQLite</translation>
    </message>
    <message>
        <location line="-137"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the SQLite file</source>
        <translation>Choisir le fichier SQLite</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PostgreSQL server (shared by the team)</source>
        <translation>Serveur PostgreSQL (partagé par l&apos;équipe)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>PostgreSQL connection URL</source>
        <translation>URL de connexion PostgreSQL</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Passwords are not saved in the settings: put them in ~/.pgpass or PGPASSWORD. A new database is used from the next start.</source>
        <translation>Les mots de passe ne sont pas enregistrés dans les paramètres&#xa0;: placez-les dans ~/.pgpass ou PGPASSWORD. Toute nouvelle base de données n&apos;est utilisée qu&apos;au prochain démarrage.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test the database connection</source>
        <translation>Tester la connexion à la base de données</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Maintenance</source>
        <translation>Maintenance</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sync interval in minutes</source>
        <translation>Intervalle de synchronisation en minutes</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source> minute(s)</source>
        <translation>
            <numerusform> minute</numerusform>
            <numerusform> minutes</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Sync every</source>
        <translation>&amp;Synchroniser toutes les</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Days deleted items stay restorable</source>
        <translation>Nombre de jours pendant lesquels les éléments supprimés restent restaurables</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source> day(s)</source>
        <translation>
            <numerusform> jour</numerusform>
            <numerusform> jours</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep deleted items for</source>
        <translation>Conserver les éléments supprimés pendant</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tracing</source>
        <translation>Traçage</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>OpenTelemetry collector address</source>
        <translation>Adresse du collecteur OpenTelemetry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Off. For example http://localhost:4318</source>
        <translation>Désactivé. Par exemple http://localhost:4318</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spans of this window&apos;s work are sent to this collector&apos;s /v1/traces (OTLP over HTTP). Takes effect when you press OK; --otlp-endpoint and OTEL_EXPORTER_OTLP_ENDPOINT win over it at start.</source>
        <translation>Les spans du travail de cette fenêtre sont envoyés au point /v1/traces de ce collecteur (OTLP sur HTTP). Prend effet lorsque vous cliquez sur OK&#xa0;; --otlp-endpoint et OTEL_EXPORTER_OTLP_ENDPOINT l&apos;emportent au démarrage.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Collector</source>
        <translation>&amp;Collecteur</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+148"/>
        <source>In use now: %1</source>
        <translation>Actuellement utilisé&#xa0;: %1</translation>
    </message>
    <message>
        <location line="-141"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Language of the window</source>
        <translation>Langue de la fenêtre</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>As the system (%1)</source>
        <translation>Langue du système (%1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applies when VectorDesk starts again. Command-line output, logs and JSON stay in English, so that support can search for them.</source>
        <translation>S&apos;applique au prochain démarrage de VectorDesk. La sortie en ligne de commande, les journaux et le JSON restent en anglais, pour que l&apos;assistance puisse les rechercher.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>The trace collector must be an http(s) address such as http://localhost:4318, or empty for off.</source>
        <translation>Le collecteur de traces doit être une adresse http(s), comme http://localhost:4318, ou rester vide pour désactiver le traçage.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter the PostgreSQL URL, e.g. postgresql://user@host:5432/vectordesk.</source>
        <translation>Saisissez l&apos;URL PostgreSQL, p. ex. postgresql://user@host:5432/vectordesk.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A PostgreSQL URL starts with postgresql://.</source>
        <translation>Une URL PostgreSQL commence par postgresql://.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That is a PostgreSQL URL; choose PostgreSQL server above.</source>
        <translation>Il s&apos;agit d&apos;une URL PostgreSQL&#xa0;; choisissez Serveur PostgreSQL ci-dessus.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the password from the URL: settings never hold secrets. Put it in ~/.pgpass or PGPASSWORD.</source>
        <translation>Retirez le mot de passe de l&apos;URL&#xa0;: les paramètres ne contiennent jamais de secrets. Placez-le dans ~/.pgpass ou PGPASSWORD.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Connecting to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The database this window opened (from --db, VECTORDESK_DB or these settings).</source>
        <translation>La base de données ouverte par cette fenêtre (d&apos;après --db, VECTORDESK_DB ou ces paramètres).</translation>
    </message>
</context>
<context>
    <name>vd::ui::StoreActions</name>
    <message>
        <location filename="../ui/actions/storeactions.cpp" line="+46"/>
        <source>&amp;New store…</source>
        <translation>&amp;Nouvelle base…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit store…</source>
        <translation>&amp;Modifier la base…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set as &amp;primary</source>
        <translation>Définir comme &amp;principale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete store…</source>
        <translation>&amp;Supprimer la base…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Trash…</source>
        <translation>Corbe&amp;ille…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Edit &amp;attributes…</source>
        <translation>Modifier les &amp;attributs…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Retry files</source>
        <translation>&amp;Réessayer les fichiers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel processing</source>
        <translation>Annu&amp;ler le traitement</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>API to&amp;kens…</source>
        <translation>&amp;Jetons d&apos;API…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detac&amp;h files</source>
        <translation>Re&amp;tirer les fichiers</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Retry all fa&amp;iled files</source>
        <translation>Réessayer tous les fichiers en &amp;échec</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Undo detach</source>
        <translation>Ann&amp;uler le retrait</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Open file page</source>
        <translation>&amp;Ouvrir la page du fichier</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Select a tenant first.</source>
        <translation>Sélectionnez d&apos;abord un locataire.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Needs the %1 role in %2; you are %3.</source>
        <translation>Nécessite le rôle %1 dans %2&#xa0;; votre rôle&#xa0;: %3.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not a member</source>
        <translation>aucun (non membre)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Select a store first.</source>
        <translation>Sélectionnez d&apos;abord une base.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a store in this tenant (Ctrl+N)</source>
        <translation>Créer une base dans ce locataire (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename the store, change its expiry or metadata</source>
        <translation>Renommer la base, modifier son expiration ou ses métadonnées</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is already the primary store.</source>
        <translation>%1 est déjà la base principale.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make this the tenant&apos;s primary store</source>
        <translation>En faire la base principale du locataire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the store to the trash (Del)</source>
        <translation>Placer la base dans la corbeille (Suppr)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted stores, restorable until purged</source>
        <translation>Bases supprimées, restaurables jusqu&apos;à leur purge</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create, list and revoke the tokens applications use with vectordesk serve</source>
        <translation>Créer, lister et révoquer les jetons utilisés par les applications avec vectordesk serve</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select files first.</source>
        <translation>Sélectionnez d&apos;abord des fichiers.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected files from the store (Del)</source>
        <translation>Retirer les fichiers sélectionnés de la base (Suppr)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select one file first.</source>
        <translation>Sélectionnez d&apos;abord un seul fichier.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the selected file&apos;s attributes (also on its page: Enter or double-click)</source>
        <translation>Modifier les attributs du fichier sélectionné (également sur sa page&#xa0;: Entrée ou double-clic)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Select failed, cancelled or stuck files first.</source>
        <translation>Sélectionnez d&apos;abord des fichiers en échec, annulés ou bloqués.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put the selected failed, cancelled or stuck files back in the indexing queue</source>
        <translation>Remettre les fichiers sélectionnés en échec, annulés ou bloqués dans la file d&apos;indexation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select files in progress first.</source>
        <translation>Sélectionnez d&apos;abord des fichiers en cours.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop processing the selected files in progress</source>
        <translation>Arrêter le traitement des fichiers sélectionnés en cours</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 has no failed files.</source>
        <translation>%1 n&apos;a aucun fichier en échec.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Put every failed file of the store back in the indexing queue (Ctrl+Shift+R)</source>
        <translation>Remettre tous les fichiers en échec de la base dans la file d&apos;indexation (Ctrl+Maj+R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing detached to undo.</source>
        <translation>Aucun retrait à annuler.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attach the files of the last detach again (Ctrl+Z)</source>
        <translation>Ajouter de nouveau les fichiers du dernier retrait (Ctrl+Z)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Metadata, chunks and actions of the file (Enter or double-click)</source>
        <translation>Métadonnées, segments et actions du fichier (Entrée ou double-clic)</translation>
    </message>
    <message numerus="yes">
        <location line="+49"/>
        <location line="+66"/>
        <location line="+99"/>
        <location line="+43"/>
        <location line="+36"/>
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln fichier</numerusform>
            <numerusform>%Ln fichiers</numerusform>
        </translation>
    </message>
    <message>
        <location line="-243"/>
        <location line="+287"/>
        <source>Retrying %1</source>
        <translation>Nouvelle tentative&#xa0;: %1</translation>
    </message>
    <message>
        <location line="-287"/>
        <source>Cancelled %1</source>
        <translation>Annulé&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Saved store %1</source>
        <translation>Base %1 enregistrée</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Created store %1</source>
        <translation>Base %1 créée</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 is now the primary store</source>
        <translation>%1 est désormais la base principale</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Delete store %1?</source>
        <translation>Supprimer la base %1&#xa0;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete store %1 of %2?</source>
        <translation>Supprimer la base %1 de %2&#xa0;?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Its %1 (%2 indexed) stop being searchable at once.</source>
        <translation>Ses fichiers (%1, dont %2 indexés) cessent immédiatement d&apos;apparaître dans les recherches.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It is the tenant&apos;s primary store; choose another primary afterwards.</source>
        <translation>C&apos;est la base principale du locataire&#xa0;; choisissez ensuite une autre base principale.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Which agents search it is unknown: %1</source>
        <translation>Impossible de savoir quels agents l&apos;interrogent&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Agents that lose store %1: %2. Check them afterwards in Tenant › Agents.</source>
        <translation>Agents qui perdent la base %1&#xa0;: %2. Vérifiez-les ensuite dans Locataire › Agents.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The store goes to the trash: restore it from View › Trash until the purge removes it for good.</source>
        <translation>La base est placée dans la corbeille&#xa0;: restaurez-la depuis Affichage › Corbeille tant que la purge ne l&apos;a pas supprimée définitivement.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete store</source>
        <translation>Supprimer la base</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Deleted store %1; restore it from the trash</source>
        <translation>Base %1 supprimée&#xa0;; vous pouvez la restaurer depuis la corbeille</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Detach %1?</source>
        <translation>Retirer %1&#xa0;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detach %1 from store %2?</source>
        <translation>Retirer %1 de la base %2&#xa0;?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Their chunks stop being searchable at once. Detached files go to the trash: undo with Ctrl+Z, or restore them from View › Trash until the purge removes them.</source>
        <translation>Leurs segments cessent immédiatement d&apos;apparaître dans les recherches. Les fichiers retirés sont placés dans la corbeille&#xa0;: annulez avec Ctrl+Z, ou restaurez-les depuis Affichage › Corbeille tant que la purge ne les a pas supprimés.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Detach</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Detached %1; Ctrl+Z brings them back</source>
        <translation>Retiré&#xa0;: %1&#xa0;; Ctrl+Z pour annuler</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Restored %1</source>
        <translation>Restauré&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+44"/>
        <source>%Ln failed file(s)</source>
        <translation>
            <numerusform>%Ln fichier en échec</numerusform>
            <numerusform>%Ln fichiers en échec</numerusform>
        </translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Attributes of %1</source>
        <translation>Attributs de %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search filters match these values. Text, numbers and true/false are allowed.</source>
        <translation>Les filtres de recherche portent sur ces valeurs. Texte, nombres et true/false sont autorisés.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Saved the attributes of %1</source>
        <translation>Attributs de %1 enregistrés</translation>
    </message>
</context>
<context>
    <name>vd::ui::StoreDialog</name>
    <message>
        <location filename="../ui/dialogs/storedialog.cpp" line="+34"/>
        <source>Edit store %1</source>
        <translation>Modifier la base %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New store in %1</source>
        <translation>Nouvelle base dans %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Store name</source>
        <translation>Nom de la base</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. contracts</source>
        <translation>p. ex. contrats</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Backend</source>
        <translation>Moteur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Local engine (offline)</source>
        <translation>Moteur local (hors ligne)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OpenAI hosted store</source>
        <translation>Base hébergée par OpenAI</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A store keeps its backend; create a new store to move files.</source>
        <translation>Une base conserve son moteur&#xa0;; créez une nouvelle base pour y déplacer les fichiers.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Backend</source>
        <translation>&amp;Moteur</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Expire after</source>
        <translation>Expirer après</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expire the store after days without activity</source>
        <translation>Faire expirer la base après un certain nombre de jours d&apos;inactivité</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Days without activity before the store expires</source>
        <translation>Nombre de jours d&apos;inactivité avant l&apos;expiration de la base</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> days without activity</source>
        <translation> jours d&apos;inactivité</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Expiry</source>
        <translation>Expiration</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>How files attached from now on are chunked, unless they say otherwise; files already attached keep their chunks.</source>
        <translation>Découpage des fichiers ajoutés à partir de maintenant, sauf indication contraire de leur part&#xa0;; les fichiers déjà ajoutés conservent leurs segments.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How files attached to the store are chunked, unless they say otherwise.</source>
        <translation>Découpage des fichiers ajoutés à la base, sauf indication contraire de leur part.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Chunking</source>
        <translation>&amp;Découpage</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Metadata (text values)</source>
        <translation>Métadonnées (valeurs texte)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Create store</source>
        <translation>Créer la base</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Agents that lose store %1 when it expires: %2.</source>
        <translation>Agents qui perdent la base %1 à son expiration&#xa0;: %2.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Looking for the OpenAI key of %1…</source>
        <translation>Recherche de la clé OpenAI de %1…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Tenant %1 has an OpenAI key; files are uploaded to OpenAI and billed there.</source>
        <translation>Le locataire %1 a une clé OpenAI&#xa0;; les fichiers sont téléversés vers OpenAI et facturés par OpenAI.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No OpenAI key is set for tenant %1. &lt;a href=&quot;settings&quot;&gt;Set one in Settings › OpenAI keys&lt;/a&gt;, then choose this backend again.</source>
        <translation>Aucune clé OpenAI n&apos;est définie pour le locataire %1. &lt;a href=&quot;settings&quot;&gt;Définissez-en une dans Paramètres › Clés OpenAI&lt;/a&gt;, puis choisissez de nouveau ce moteur.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Looking for the tenant&apos;s OpenAI key…</source>
        <translation>Recherche de la clé OpenAI du locataire…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No OpenAI key is set for tenant %1; set one in Settings › OpenAI keys first.</source>
        <translation>Aucune clé OpenAI n&apos;est définie pour le locataire %1&#xa0;; définissez-en d&apos;abord une dans Paramètres › Clés OpenAI.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name the store.</source>
        <translation>Nommez la base.</translation>
    </message>
</context>
<context>
    <name>vd::ui::StorePanel</name>
    <message>
        <location filename="../ui/panels/storepanel.cpp" line="+19"/>
        <source>Stores</source>
        <translation>Bases</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The vector stores of the selected tenant</source>
        <translation>Les bases vectorielles du locataire sélectionné</translation>
    </message>
    <message numerus="yes">
        <location line="+142"/>
        <source>%Ln store(s)</source>
        <translation>
            <numerusform>%Ln base</numerusform>
            <numerusform>%Ln bases</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Select a tenant to see its stores.</source>
        <translation>Sélectionnez un locataire pour afficher ses bases.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading the stores of %1…</source>
        <translation>Chargement des bases de %1…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The stores of %1 could not be loaded.</source>
        <translation>Impossible de charger les bases de %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 has no stores yet.
Create one with Store › New store… (Ctrl+N), or from a shell:
vectordesk store create --tenant %2 NAME</source>
        <translation>%1 n&apos;a encore aucune base.
Créez-en une avec Base › Nouvelle base… (Ctrl+N), ou depuis un terminal&#xa0;:
vectordesk store create --tenant %2 NAME</translation>
    </message>
</context>
<context>
    <name>vd::ui::StoreTableModel</name>
    <message>
        <location filename="../ui/models/storetablemodel.cpp" line="+167"/>
        <source>Completed, %1 failed</source>
        <translation>Terminé, %1 en échec</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+80"/>
        <source>Primary</source>
        <translation>Principale</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1
id %2%3
Created %4</source>
        <translation>%1
ID %2%3
Créée le %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> · remote id %1</source>
        <translation> · ID distant %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 bytes of processed content</source>
        <translation>%1 octets de contenu traité</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Expires %1 days after its last activity.</source>
        <translation>Expire %1 jours après sa dernière activité.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No expiry policy: the store is kept until deleted.</source>
        <translation>Aucune règle d&apos;expiration&#xa0;: la base est conservée jusqu&apos;à sa suppression.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The tenant&apos;s primary store</source>
        <translation>La base principale du locataire</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Store</source>
        <translation>Base</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backend</source>
        <translation>Moteur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Indexed text</source>
        <translation>Texte indexé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expires</source>
        <translation>Expiration</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last active</source>
        <translation>Dernière activité</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Files by status: ✓ completed · ◷ in progress · ✗ failed · ⊘ cancelled</source>
        <translation>Fichiers par état&#xa0;: ✓ terminé · ◷ en cours · ✗ en échec · ⊘ annulé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size of the text the store indexed from its files (what OpenAI bills), not of the files</source>
        <translation>Taille du texte indexé par la base à partir de ses fichiers (ce que facture OpenAI), et non des fichiers eux-mêmes</translation>
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
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Sync history</source>
        <translation>Historique de synchronisation</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Newest</source>
        <translation>Les plus récentes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How many of the newest passes to show</source>
        <translation>Nombre de passes les plus récentes à afficher</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> passes</source>
        <translation> passes</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Reload</source>
        <translation>&amp;Recharger</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Started</source>
        <translation>Début</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Finished</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Did</source>
        <translation>Réalisé</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warnings</source>
        <translation>Avertissements</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Started by</source>
        <translation>Lancée par</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync passes</source>
        <translation>Passes de synchronisation</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+114"/>
        <source>Select a pass to see its failed items and warnings.</source>
        <translation>Sélectionnez une passe pour afficher ses éléments en échec et ses avertissements.</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Store / file</source>
        <translation>Base / fichier</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed items and warnings of the selected pass</source>
        <translation>Éléments en échec et avertissements de la passe sélectionnée</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Show in its store</source>
        <translation>&amp;Afficher dans sa base</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+6"/>
        <source>Select a failed item or warning that names a store</source>
        <translation>Sélectionnez un élément en échec ou un avertissement qui indique une base</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Show the store (and the file) in the Stores and files tab (Enter)</source>
        <translation>Afficher la base (et le fichier) dans l&apos;onglet Bases et fichiers (Entrée)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Reading the sync history…</source>
        <translation>Lecture de l&apos;historique de synchronisation…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run %1 (%2)</source>
        <translation>Exécution %1 (%2)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No sync pass has been recorded yet: run one with Sync now.</source>
        <translation>Aucune passe de synchronisation n&apos;a encore été enregistrée&#xa0;: lancez-en une avec Synchroniser maintenant.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The newest %Ln pass(es); show more to look further back.</source>
        <translation>
            <numerusform>La %Ln passe la plus récente&#xa0;; affichez-en plus pour remonter plus loin.</numerusform>
            <numerusform>Les %Ln passes les plus récentes&#xa0;; affichez-en plus pour remonter plus loin.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln pass(es) recorded.</source>
        <translation>
            <numerusform>%Ln passe enregistrée.</numerusform>
            <numerusform>%Ln passes enregistrées.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&lt;b&gt;%1&lt;/b&gt;, %2 to %3 (%4), started by %5.&lt;br&gt;%6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;, du %2 au %3 (%4), lancée par %5.&lt;br&gt;%6</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Failed</source>
        <translation>En échec</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This pass had no failed items and no warnings.</source>
        <translation>Cette passe n&apos;a eu ni élément en échec ni avertissement.</translation>
    </message>
</context>
<context>
    <name>vd::ui::SyncPanel</name>
    <message>
        <location filename="../ui/sync/syncpanel.cpp" line="+37"/>
        <source>Indexing waiting files</source>
        <translation>Indexation des fichiers en attente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refreshing remote stores</source>
        <translation>Actualisation des bases distantes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expiring stores</source>
        <translation>Expiration des bases</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Purging deleted items</source>
        <translation>Purge des éléments supprimés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Starting</source>
        <translation>Démarrage</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%Ln file(s) indexed</source>
        <translation>
            <numerusform>%Ln fichier indexé</numerusform>
            <numerusform>%Ln fichiers indexés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln store(s) refreshed</source>
        <translation>
            <numerusform>%Ln base actualisée</numerusform>
            <numerusform>%Ln bases actualisées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln file(s) refreshed</source>
        <translation>
            <numerusform>%Ln fichier actualisé</numerusform>
            <numerusform>%Ln fichiers actualisés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln store(s) expired</source>
        <translation>
            <numerusform>%Ln base expirée</numerusform>
            <numerusform>%Ln bases expirées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln file(s) purged</source>
        <translation>
            <numerusform>%Ln fichier purgé</numerusform>
            <numerusform>%Ln fichiers purgés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln store(s) purged</source>
        <translation>
            <numerusform>%Ln base purgée</numerusform>
            <numerusform>%Ln bases purgées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln tenant(s) purged</source>
        <translation>
            <numerusform>%Ln locataire purgé</numerusform>
            <numerusform>%Ln locataires purgés</numerusform>
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
        <translation>l&apos;indexation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refreshing the store</source>
        <translation>l&apos;actualisation de la base</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refreshing the file</source>
        <translation>l&apos;actualisation du fichier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expiring the store</source>
        <translation>l&apos;expiration de la base</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Purging the file</source>
        <translation>la suppression définitive du fichier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Purging the store</source>
        <translation>la suppression définitive de la base</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Purging the tenant</source>
        <translation>la suppression définitive du locataire</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Last run</source>
        <translation>Dernière exécution</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No pass recorded yet</source>
        <translation>Aucune passe enregistrée pour l&apos;instant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last sync run</source>
        <translation>Dernière exécution de la synchronisation</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next scheduled sync run</source>
        <translation>Prochaine exécution planifiée de la synchronisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the last sync run did</source>
        <translation>Ce qu&apos;a fait la dernière exécution de la synchronisation</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Result:</source>
        <translation>Résultat&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Did:</source>
        <translation>Réalisé&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next run:</source>
        <translation>Prochaine exécution&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Now</source>
        <translation>Maintenant</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+408"/>
        <source>Idle</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <location line="-406"/>
        <source>Sync state</source>
        <translation>État de la synchronisation</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sync progress</source>
        <translation>Progression de la synchronisation</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+398"/>
        <source>No pass running</source>
        <translation>Aucune passe en cours</translation>
    </message>
    <message>
        <location line="-395"/>
        <source>Current sync item</source>
        <translation>Élément en cours de synchronisation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync &amp;now</source>
        <translation>&amp;Synchroniser maintenant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync now</source>
        <translation>Synchroniser maintenant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Index waiting files, refresh hosted stores, expire and purge now</source>
        <translation>Indexer les fichiers en attente, actualiser les bases hébergées, faire expirer et purger maintenant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel the sync pass</source>
        <translation>Annuler la passe de synchronisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the running pass after its current item</source>
        <translation>Arrêter la passe en cours après l&apos;élément en cours de traitement</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync &amp;history…</source>
        <translation>&amp;Historique de synchronisation…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Past sync passes: when, how long, the result, what they did, failed items and warnings</source>
        <translation>Passes de synchronisation précédentes&#xa0;: date, durée, résultat, actions réalisées, éléments en échec et avertissements</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;History…</source>
        <translation>&amp;Historique…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync history</source>
        <translation>Historique de synchronisation</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Sync warnings</source>
        <translation>Avertissements de synchronisation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stores expiring soon and files stuck in progress</source>
        <translation>Bases qui expirent bientôt et fichiers bloqués en cours de traitement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync errors</source>
        <translation>Erreurs de synchronisation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Items the last pass could not do, and why</source>
        <translation>Éléments que la dernière passe n&apos;a pas pu traiter, et pourquoi</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Warnings</source>
        <translation>Avertissements</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>%1 (every %2 min)</source>
        <translation>%1 (toutes les %2 min)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Starting a pass…</source>
        <translation>Démarrage d&apos;une passe…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Cancelling after the current item…</source>
        <translation>Annulation après l&apos;élément en cours…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Running (started by the GUI)</source>
        <translation>En cours (lancée par l&apos;interface)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Running: %1</source>
        <translation>En cours&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%v of %m</source>
        <translation>%v sur %m</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Double-click to show the file in its store</source>
        <translation>Double-cliquez pour afficher le fichier dans sa base</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Double-click to show the store</source>
        <translation>Double-cliquez pour afficher la base</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Double-click to show the tenant</source>
        <translation>Double-cliquez pour afficher le locataire</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 %2: %3</source>
        <translation>%1 %2&#xa0;: %3</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Stuck</source>
        <translation>Bloqué</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Expiring soon</source>
        <translation>Expire bientôt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2%3</source>
        <translation>%1&#xa0;: %2%3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 failed: %2</source>
        <translation>Échec de %1&#xa0;: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Sync pass: %1; %Ln item(s) done</source>
        <translation>
            <numerusform>Passe de synchronisation&#xa0;: %1&#xa0;; %Ln élément traité</numerusform>
            <numerusform>Passe de synchronisation&#xa0;: %1&#xa0;; %Ln éléments traités</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync pass: %1 (see the Sync tab)</source>
        <translation>Passe de synchronisation&#xa0;: %1 (voir l&apos;onglet Synchronisation)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the window</source>
        <translation>la fenêtre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vectordesk --sync</source>
        <translation>vectordesk --sync</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the CLI</source>
        <translation>la ligne de commande</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 on %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Run %1, started by %2</source>
        <translation>Passe %1, lancée par %2</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>Failed</source>
        <translation>En échec</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Completed</source>
        <translation>Terminé</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Completed with %Ln file error(s)</source>
        <translation>
            <numerusform>Terminé avec %Ln erreur de fichier</numerusform>
            <numerusform>Terminé avec %Ln erreurs de fichier</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Completed with %Ln error(s)</source>
        <translation>
            <numerusform>Terminé avec %Ln erreur</numerusform>
            <numerusform>Terminé avec %Ln erreurs</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 at %2: %3 done in %4 s</source>
        <translation>%1 le %2&#xa0;: %3 éléments traités en %4 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 at %2: %3 done, %4 failed, in %5 s</source>
        <translation>%1 le %2&#xa0;: %3 éléments traités, %4 en échec, en %5 s</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>%Ln warning(s) (see Warnings)</source>
        <translation>
            <numerusform>%Ln avertissement (voir Avertissements)</numerusform>
            <numerusform>%Ln avertissements (voir Avertissements)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was done: every item failed (see Errors)</source>
        <translation>Rien n&apos;a été fait&#xa0;: tous les éléments ont échoué (voir Erreurs)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing to do: everything was up to date</source>
        <translation>Rien à faire&#xa0;: tout était à jour</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Another runner holds the sync lease: %1</source>
        <translation>Un autre processus détient le verrou de synchronisation&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only one runner syncs at a time; this pass was skipped and the next one is scheduled.</source>
        <translation>Un seul processus synchronise à la fois&#xa0;; cette passe a été ignorée et la suivante est planifiée.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skipped: the lease is held by %1</source>
        <translation>Ignorée&#xa0;: le verrou est détenu par %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync skipped: another runner holds the lease</source>
        <translation>Synchronisation ignorée&#xa0;: un autre processus détient le verrou</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The sync pass failed: %1</source>
        <translation>La passe de synchronisation a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed: %1</source>
        <translation>Échec&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync failed: %1</source>
        <translation>Échec de la synchronisation&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No warnings: no store expires within %1 days and no file is stuck</source>
        <translation>Aucun avertissement&#xa0;: aucune base n&apos;expire dans les %1 jours et aucun fichier n&apos;est bloqué</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No errors in the last pass</source>
        <translation>Aucune erreur lors de la dernière passe</translation>
    </message>
</context>
<context>
    <name>vd::ui::TablePanel</name>
    <message>
        <location filename="../ui/widgets/tablepanel.cpp" line="+52"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Copy id</source>
        <translation>Copier l&apos;ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the request id, to find this error in the log, the audit trail or View › Activity</source>
        <translation>Copier l&apos;ID de requête, pour retrouver cette erreur dans le journal, le journal d&apos;audit ou Affichage › Activité</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Request %1</source>
        <translation>Requête %1</translation>
    </message>
</context>
<context>
    <name>vd::ui::TenantPanel</name>
    <message>
        <location filename="../ui/panels/tenantpanel.cpp" line="+18"/>
        <source>Tenants</source>
        <translation>Locataires</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The tenants you may see, with their plan and use of its limits</source>
        <translation>Les locataires que vous pouvez voir, avec leur offre et l&apos;utilisation de ses limites</translation>
    </message>
    <message numerus="yes">
        <location line="+42"/>
        <source>%Ln tenant(s)</source>
        <translation>
            <numerusform>%Ln locataire</numerusform>
            <numerusform>%Ln locataires</numerusform>
        </translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Loading tenants…</source>
        <translation>Chargement des locataires…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The tenants could not be loaded.</source>
        <translation>Impossible de charger les locataires.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No tenants yet.
Create one with:
vectordesk tenant create SLUG</source>
        <translation>Aucun locataire pour l&apos;instant.
Créez-en un avec&#xa0;:
vectordesk tenant create SLUG</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You are not a member of any tenant yet.
A tenant owner can add you with:
vectordesk member add --tenant SLUG %1 --role viewer</source>
        <translation>Vous n&apos;êtes encore membre d&apos;aucun locataire.
Un propriétaire de locataire peut vous ajouter avec&#xa0;:
vectordesk member add --tenant SLUG %1 --role viewer</translation>
    </message>
</context>
<context>
    <name>vd::ui::TenantTableModel</name>
    <message>
        <location filename="../ui/models/tenanttablemodel.cpp" line="+157"/>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1
Slug: %2 · id %3
New stores use the %4 backend
Created %5</source>
        <translation>%1
Slug&#xa0;: %2 · ID %3
Les nouvelles bases utilisent le moteur %4
Créé le %5</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The quota of %1 could not be read.</source>
        <translation>Impossible de lire le quota de %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plan %1
Stores: %2 of %3
Files in the largest store: %4 of %5
Storage: %6 of %7
The quota column shows the most used of these limits.</source>
        <translation>Offre %1
Bases&#xa0;: %2 sur %3
Fichiers dans la plus grande base&#xa0;: %4 sur %5
Stockage&#xa0;: %6 sur %7
La colonne Quota affiche la plus utilisée de ces limites.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>You administer this VectorDesk instance and act as owner of every tenant.</source>
        <translation>Vous administrez cette instance de VectorDesk et agissez en tant que propriétaire de chaque locataire.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your role in %1: %2</source>
        <translation>Votre rôle dans %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Tenant</source>
        <translation>Locataire</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plan</source>
        <translation>Offre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stores</source>
        <translation>Bases</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File bytes</source>
        <translation>Octets de fichiers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quota</source>
        <translation>Quota</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your role</source>
        <translation>Votre rôle</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Total size of the tenant&apos;s live files, as uploaded (the storage limit counts these)</source>
        <translation>Taille totale des fichiers actifs du locataire, tels que téléversés (la limite de stockage porte sur eux)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The most used plan limit: stores, files per store or storage</source>
        <translation>La limite de l&apos;offre la plus utilisée&#xa0;: bases, fichiers par base ou stockage</translation>
    </message>
</context>
<context>
    <name>vd::ui::TenantsDialog</name>
    <message>
        <location filename="../ui/admin/tenantsdialog.cpp" line="+30"/>
        <source>Tenants and plans</source>
        <translation>Locataires et offres</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plans</source>
        <translation>Offres</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+26"/>
        <source>Plan</source>
        <translation>Offre</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Stores</source>
        <translation>Bases</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Files per store</source>
        <translation>Fichiers par base</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Largest file</source>
        <translation>Plus gros fichier</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Storage</source>
        <translation>Stockage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plans and their limits</source>
        <translation>Offres et leurs limites</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tenant</source>
        <translation>Locataire</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Display name</source>
        <translation>Nom affiché</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Rename</source>
        <translation>&amp;Renommer</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Plan overrides</source>
        <translation>Dérogations à l&apos;offre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overrides, e.g. {&quot;max_stores&quot;: 10}</source>
        <translation>Dérogations, p. ex. {&quot;max_stores&quot;: 10}</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Te&amp;nant</source>
        <translation>&amp;Locataire</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Display name</source>
        <translation>&amp;Nom affiché</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Chan&amp;ge plan</source>
        <translation>&amp;Changer d&apos;offre</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Plan</source>
        <translation>&amp;Offre</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New tenant</source>
        <translation>Nouveau locataire</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New tenant slug</source>
        <translation>Slug du nouveau locataire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>slug, e.g. initech</source>
        <translation>slug, p. ex. initech</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New tenant display name</source>
        <translation>Nom affiché du nouveau locataire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Display name (optional)</source>
        <translation>Nom affiché (facultatif)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New tenant plan</source>
        <translation>Offre du nouveau locataire</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Create tenant</source>
        <translation>Cré&amp;er le locataire</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Change the tenant&apos;s display name (the slug stays)</source>
        <translation>Changer le nom affiché du locataire (le slug ne change pas)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the tenant to this plan, with these overrides of its limits</source>
        <translation>Passer le locataire à cette offre, avec ces dérogations à ses limites</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Creating tenants needs an instance administrator; you are not one.</source>
        <translation>La création de locataires est réservée aux administrateurs de l&apos;instance&#xa0;; vous n&apos;en êtes pas un.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Create the tenant; you become its owner</source>
        <translation>Créer le locataire&#xa0;; vous en devenez le propriétaire</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Tenant %1 is now called %2</source>
        <translation>Le locataire %1 s&apos;appelle désormais %2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The overrides are not a JSON object (%1); write them like {&quot;max_stores&quot;: 10}, or leave the field empty for none.</source>
        <translation>Les dérogations ne sont pas un objet JSON (%1)&#xa0;; écrivez-les sous la forme {&quot;max_stores&quot;: 10}, ou laissez le champ vide pour n&apos;en définir aucune.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not an object</source>
        <translation>pas un objet</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Tenant %1 is now on the %2 plan%3</source>
        <translation>Le locataire %1 est désormais sur l&apos;offre %2%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, with overrides</source>
        <translation>, avec dérogations</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Created tenant %1 on the %2 plan</source>
        <translation>Locataire %1 créé avec l&apos;offre %2</translation>
    </message>
</context>
<context>
    <name>vd::ui::TokenTableModel</name>
    <message>
        <location filename="../ui/tokens/tokentablemodel.cpp" line="+103"/>
        <source>Revoked %1</source>
        <translation>Révoqué le %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expired</source>
        <translation>Expiré</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 by %2</source>
        <translation>%1 par %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The first characters of the secret, to tell which token a configured or leaked secret is</source>
        <translation>Les premiers caractères du secret, pour identifier le jeton auquel correspond un secret configuré ou divulgué</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Secret starts</source>
        <translation>Début du secret</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>Création</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expires</source>
        <translation>Expiration</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>État</translation>
    </message>
</context>
<context>
    <name>vd::ui::TokensDialog</name>
    <message>
        <location filename="../ui/tokens/tokensdialog.cpp" line="+42"/>
        <source>API tokens · %1</source>
        <translation>Jetons d&apos;API · %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tokens let applications and the OpenAI SDKs call &lt;tt&gt;vectordesk serve&lt;/tt&gt; as tenant %1, with one role each (like &lt;tt&gt;vectordesk token&lt;/tt&gt;). Only a hash of each secret is kept.</source>
        <translation>Les jetons permettent aux applications et aux SDK OpenAI d&apos;appeler &lt;tt&gt;vectordesk serve&lt;/tt&gt; en tant que locataire %1, avec un rôle chacun (comme &lt;tt&gt;vectordesk token&lt;/tt&gt;). Seule une empreinte (hash) de chaque secret est conservée.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>API tokens of %1</source>
        <translation>Jetons d&apos;API de %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>S&amp;how revoked and expired tokens</source>
        <translation>&amp;Afficher les jetons révoqués et expirés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show revoked and expired tokens</source>
        <translation>Afficher les jetons révoqués et expirés</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New token name</source>
        <translation>Nom du nouveau jeton</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. ci-pipeline (letters, digits, - _ .)</source>
        <translation>p. ex. ci-pipeline (lettres, chiffres, - _ .)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New token role</source>
        <translation>Rôle du nouveau jeton</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Viewer reads and searches; editor also uploads and attaches files; admin also manages stores</source>
        <translation>Le lecteur consulte et recherche&#xa0;; l&apos;éditeur peut aussi téléverser et ajouter des fichiers&#xa0;; l&apos;administrateur gère aussi les bases</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>R&amp;ole</source>
        <translation>&amp;Rôle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E&amp;xpires after</source>
        <translation>E&amp;xpire après</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The token expires</source>
        <translation>Le jeton expire</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Days until the token expires</source>
        <translation>Nombre de jours avant l&apos;expiration du jeton</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Create token</source>
        <translation>&amp;Créer le jeton</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create the API token</source>
        <translation>Créer le jeton d&apos;API</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expiry</source>
        <translation>Expiration</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The new token&apos;s secret, shown once</source>
        <translation>Le secret du nouveau jeton, affiché une seule fois</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Co&amp;py</source>
        <translation>Co&amp;pier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the secret to the clipboard</source>
        <translation>Copier le secret dans le presse-papiers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I have &amp;saved it</source>
        <translation>Je l&apos;ai &amp;enregistré</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hide the secret for good</source>
        <translation>Masquer définitivement le secret</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>API tokens state</source>
        <translation>État des jetons d&apos;API</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Revoke…</source>
        <translation>Ré&amp;voquer…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revoke the selected token</source>
        <translation>Révoquer le jeton sélectionné</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The secret is on the clipboard.</source>
        <translation>Le secret est dans le presse-papiers.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 has no API tokens.</source>
        <translation>%1 n&apos;a aucun jeton d&apos;API.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 has no active API tokens.</source>
        <translation>%1 n&apos;a aucun jeton d&apos;API actif.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Create the token; its secret is shown once</source>
        <translation>Créer le jeton&#xa0;; son secret ne sera affiché qu&apos;une fois</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name the token first.</source>
        <translation>Nommez d&apos;abord le jeton.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a token first.</source>
        <translation>Sélectionnez d&apos;abord un jeton.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is already revoked.</source>
        <translation>%1 est déjà révoqué.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop %1 from working at once; this cannot be undone</source>
        <translation>Désactiver %1 immédiatement&#xa0;; cette action est irréversible</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Creating API token %1…</source>
        <translation>Création du jeton d&apos;API %1…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Created API token %1 (%2) in %3</source>
        <translation>Jeton d&apos;API %1 (%2) créé dans %3</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&lt;b&gt;Copy the secret of %1 now: it is shown only this once.&lt;/b&gt; VectorDesk keeps only its hash, so it cannot be shown again; if it is lost, revoke the token and create another.</source>
        <translation>&lt;b&gt;Copiez le secret de %1 maintenant&#xa0;: il n&apos;est affiché que cette fois-ci.&lt;/b&gt; VectorDesk n&apos;en conserve que l&apos;empreinte et ne peut donc plus l&apos;afficher&#xa0;; en cas de perte, révoquez le jeton et créez-en un autre.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Revoke API token %1?</source>
        <translation>Révoquer le jeton d&apos;API %1&#xa0;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke API token %1 of %2?</source>
        <translation>Révoquer le jeton d&apos;API %1 de %2&#xa0;?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every request with its secret (prefix %1…) is refused from now on, with 401. Revoking cannot be undone; the token stays in the list as revoked.</source>
        <translation>Toute requête utilisant son secret (préfixe %1…) est désormais refusée avec le code 401. La révocation est irréversible&#xa0;; le jeton reste dans la liste comme révoqué.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revoke token</source>
        <translation>Révoquer le jeton</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Revoking API token %1…</source>
        <translation>Révocation du jeton d&apos;API %1…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Revoked API token %1 of %2</source>
        <translation>Jeton d&apos;API %1 de %2 révoqué</translation>
    </message>
</context>
<context>
    <name>vd::ui::TrashDialog</name>
    <message>
        <location filename="../ui/dialogs/trashdialog.cpp" line="+46"/>
        <source>Trash · %1</source>
        <translation>Corbeille · %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deleted stores and detached files of %1. A restored store comes back with its files and index, a restored file with its chunks searchable again; the purge removes them for good after the retention period.</source>
        <translation>Bases supprimées et fichiers retirés de %1. Une base restaurée revient avec ses fichiers et son index, un fichier restauré avec ses segments de nouveau interrogeables&#xa0;; la purge les supprime définitivement à l&apos;issue de la durée de conservation.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Deleted stores</source>
        <translation>Bases supprimées</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Store</source>
        <translation>Base</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Backend</source>
        <translation>Moteur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Deleted</source>
        <translation>Suppression</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detached files</source>
        <translation>Fichiers retirés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Detached</source>
        <translation>Retrait</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Stores</source>
        <translation>&amp;Bases</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Files</source>
        <translation>&amp;Fichiers</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Restore</source>
        <translation>&amp;Restaurer</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Stores (%1)</source>
        <translation>&amp;Bases (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Files (%1)</source>
        <translation>&amp;Fichiers (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The trash is empty.</source>
        <translation>La corbeille est vide.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No detached files; %1 in the Stores tab.</source>
        <translation>Aucun fichier retiré&#xa0;; %1 dans l&apos;onglet Bases.</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln deleted store(s)</source>
        <translation>
            <numerusform>%Ln base supprimée</numerusform>
            <numerusform>%Ln bases supprimées</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select files and press Restore (or Enter) to attach them again.</source>
        <translation>Sélectionnez des fichiers et cliquez sur Restaurer (ou appuyez sur Entrée) pour les ajouter de nouveau.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No deleted stores; %1 in the Files tab.</source>
        <translation>Aucune base supprimée&#xa0;; %1 dans l&apos;onglet Fichiers.</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln detached file(s)</source>
        <translation>
            <numerusform>%Ln fichier retiré</numerusform>
            <numerusform>%Ln fichiers retirés</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Select detached files</source>
        <translation>Sélectionnez des fichiers retirés</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Select a deleted store</source>
        <translation>Sélectionnez une base supprimée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attach the selected files again, their chunks searchable (Enter)</source>
        <translation>Ajouter de nouveau les fichiers sélectionnés, avec leurs segments interrogeables (Entrée)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bring the store back with its files (Enter)</source>
        <translation>Rétablir la base avec ses fichiers (Entrée)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore the selected files</source>
        <translation>Restaurer les fichiers sélectionnés</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Restore the selected store</source>
        <translation>Restaurer la base sélectionnée</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Restored store %1</source>
        <translation>Base %1 restaurée</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Restored file %1</source>
        <translation>Fichier %1 restauré</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Restored %Ln file(s)</source>
        <translation>
            <numerusform>%Ln fichier restauré</numerusform>
            <numerusform>%Ln fichiers restaurés</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vd::ui::WelcomeDialog</name>
    <message>
        <location filename="../ui/welcome/welcomedialog.cpp" line="+26"/>
        <source>Welcome to VectorDesk</source>
        <translation>Bienvenue dans VectorDesk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;This database has no tenants yet.&lt;/b&gt;&lt;br&gt;A tenant is one customer or team; its vector stores hold the documents that file search reads. Create the first of each here, then drop documents onto the store to index them.</source>
        <translation>&lt;b&gt;Cette base de données ne contient encore aucun locataire.&lt;/b&gt;&lt;br&gt;Un locataire correspond à un client ou à une équipe&#xa0;; ses bases vectorielles contiennent les documents que lit la recherche de fichiers. Créez ici le premier locataire et la première base, puis déposez des documents sur la base pour les indexer.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A short name for scripts and the command line: letters, digits and hyphens.</source>
        <translation>Nom court pour les scripts et la ligne de commande&#xa0;: lettres, chiffres et traits d&apos;union.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Te&amp;nant</source>
        <translation>&amp;Locataire</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>As people call it, e.g. Acme Corp (default: the tenant)</source>
        <translation>Nom usuel, p. ex. Acme Corp (par défaut&#xa0;: identique au locataire)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Display name</source>
        <translation>&amp;Nom affiché</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>On this computer (embedded engine, works offline)</source>
        <translation>Sur cet ordinateur (moteur intégré, fonctionne hors ligne)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OpenAI&apos;s hosted vector stores (needs an API key)</source>
        <translation>Bases vectorielles hébergées par OpenAI (nécessite une clé d&apos;API)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stores &amp;kept</source>
        <translation>&amp;Hébergement des bases</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First &amp;store</source>
        <translation>Première &amp;base</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+19"/>
        <source>&amp;Create</source>
        <translation>&amp;Créer</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Not now</source>
        <translation>Plus tard</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Create and set the key…</source>
        <translation>&amp;Créer et définir la clé…</translation>
    </message>
</context>
<context>
    <name>vd::ui::format</name>
    <message>
        <location filename="../ui/models/displayformat.cpp" line="+70"/>
        <source>%1%</source>
        <comment>a percentage: the number, then the percent sign as the language writes it</comment>
        <translation>%1&#x202f;%</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>in a moment</source>
        <translation>dans un instant</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>just now</source>
        <translation>à l&apos;instant</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>in %Ln min</source>
        <translation>
            <numerusform>dans %Ln min</numerusform>
            <numerusform>dans %Ln min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln min ago</source>
        <translation>
            <numerusform>il y a %Ln min</numerusform>
            <numerusform>il y a %Ln min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>in %Ln h</source>
        <translation>
            <numerusform>dans %Ln h</numerusform>
            <numerusform>dans %Ln h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln h ago</source>
        <translation>
            <numerusform>il y a %Ln h</numerusform>
            <numerusform>il y a %Ln h</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>tomorrow</source>
        <translation>demain</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>yesterday</source>
        <translation>hier</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>in %Ln day(s)</source>
        <translation>
            <numerusform>dans %Ln jour</numerusform>
            <numerusform>dans %Ln jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln day(s) ago</source>
        <translation>
            <numerusform>il y a %Ln jour</numerusform>
            <numerusform>il y a %Ln jours</numerusform>
        </translation>
    </message>
    <message>
        <location line="+35"/>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>expired on %1</source>
        <translation>a expiré le %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expired %1</source>
        <translation>a expiré %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>on %1</source>
        <translation>le %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+15"/>
        <source>Completed</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+15"/>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Failed</source>
        <translation>En échec</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Expired</source>
        <translation>Expiré</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Viewer</source>
        <translation>Lecteur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Editor</source>
        <translation>Éditeur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Admin</source>
        <translation>Administrateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Owner</source>
        <translation>Propriétaire</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>viewer</source>
        <comment>a role inside a sentence</comment>
        <translation>lecteur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>editor</source>
        <comment>a role inside a sentence</comment>
        <translation>éditeur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>admin</source>
        <comment>a role inside a sentence</comment>
        <translation>administrateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>owner</source>
        <comment>a role inside a sentence</comment>
        <translation>propriétaire</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Local</source>
        <translation>Local</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>SQLite file %1</source>
        <translation>Fichier SQLite %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>socket %1 (port %2)</source>
        <translation>socket %1 (port %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PostgreSQL database %1 at %2 as user %3</source>
        <translation>Base de données PostgreSQL %1 sur %2, utilisateur %3</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 completed, %2 in progress, %3 failed, %4 cancelled</source>
        <translation>Terminés&#xa0;: %1, en cours&#xa0;: %2, en échec&#xa0;: %3, annulés&#xa0;: %4</translation>
    </message>
</context>
</TS>
