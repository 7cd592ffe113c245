/**
 * The fixed text of the generated rule pages (headings, table labels, what
 * each category, fix class and policy kind means) in each language the pages
 * are written in. The rules' own text (title, description, remedy) is in
 * ruleDocs.it.json and ruleDocs.es.json; this is everything around it.
 * Terms follow docs/glossary.md (AWS's own Italian and Spanish guides).
 */
import type { PolicyKind } from '../core/policy/kinds';
import type { DocsLanguage } from '../core/rules/docsLanguage';
import type { RuleCategory } from '../core/rules/rule';
import type { DocumentKind, FixSafety, Severity } from '../core/types';

export type OtherDocumentKind = Exclude<DocumentKind, PolicyKind>;

export interface RulePageText {
  severity: Record<Severity, string>;
  category: Record<RuleCategory, string>;
  /** What a fix of each safety class does, completing "apply the quick fix when it ...". */
  safety: Record<FixSafety, string>;
  /** The rule table's "applies to" for a policy rule: its kinds, short. */
  policyScope(kinds: readonly PolicyKind[], all: boolean): string;
  scope: { document: string; event: string; log: string; meta: string };
  /** Each policy kind on a rule's page: where the rule looks in a policy of that kind. */
  kindOnPage: Record<PolicyKind, string>;
  /** Said under a policy rule's kinds when it runs on more than key policies. */
  aboutKms: string;
  documentKinds: Record<OtherDocumentKind, string>;
  /** A document rule that runs on every kind of policy, whole. */
  everyPolicyWhole: string;
  /** A document rule that runs on some kinds of policy, whole. */
  policiesWhole(label: string): string;
  eventPage: string;
  logPage: string;
  metaPage: string;
  yes: string;
  no: string;
  fixAll: { yes: string; no: string; whenSafe: string; nothing: string };
  noQuickFix: string;
  fixApplied(what: readonly string[]): string;
  fixLeft(what: readonly string[], afterApplied: boolean): string;
  rows: { defaultSeverity: string; kind: string; quickFix: string; fixAll: string };
  headings: { example: string; remedy: string; quickFix: string; appliesTo: string; sources: string; severity: string };
  changeSeverity: string;
  commandLine(ruleId: string): string;
  formerly(ids: string): string;
  allRules: string;
  /** A translated page: a line pointing to the English original, which prevails. */
  original?(englishPage: string): string;
  index: { title: string; intro(n: number): string; columns: string; note: string };
}

function andList(items: readonly string[], and: string): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}` : items[0] ?? '';
}

const EN_KIND_NAMES: Record<PolicyKind, string> = {
  keyPolicy: 'key', trustPolicy: 'trust', resourcePolicy: 'resource', vpcEndpointPolicy: 'VPC endpoint',
  serviceControlPolicy: 'SCP', resourceControlPolicy: 'RCP', identityPolicy: 'identity',
};

const EN: RulePageText = {
  severity: { error: 'Error', warning: 'Warning', information: 'Information', hint: 'Hint' },
  category: {
    syntax: 'not valid JSON (AWS rejects the document)',
    rejected: 'AWS rejects the policy or request',
    invalid: 'not valid in the policy language (AWS does not document what it does with it)',
    ineffective: 'accepted, but never matches or has no effect',
    risk: 'allows more, or risks more, than is likely meant',
    style: 'read the same by AWS; clearer written another way',
    placeholder: 'a value from the AWS documentation',
    record: 'a CloudTrail record that is malformed or contradicts itself',
    activity: 'what the logs show happened',
    analysis: 'a limit of the analysis',
  },
  safety: {
    repair: 'repairs a document AWS rejects, to the one thing it can have meant',
    neutral: 'changes nothing AWS evaluates',
    narrows: 'only narrows access',
    widens: 'may allow more than today (its title says what the statement will then allow)',
    review: 'is one choice among several, or a recommendation',
  },
  policyScope: (kinds, all) => (all ? 'every policy (its KMS parts)' : `${andList(kinds.map((k) => EN_KIND_NAMES[k]), 'and')} policies`),
  scope: { document: 'document', event: 'CloudTrail events', log: 'CloudTrail logs', meta: 'any analysed file' },
  kindOnPage: {
    keyPolicy: 'KMS key policies',
    trustPolicy: 'IAM role trust policies, on what is about KMS only',
    resourcePolicy: 'resource policies of other services (S3 bucket, SQS queue, SNS topic, Secrets Manager secret, ...), on what is about KMS only',
    vpcEndpointPolicy: 'VPC endpoint policies, on what is about KMS only',
    serviceControlPolicy: 'service control policies (SCPs), on what is about KMS only',
    resourceControlPolicy: 'resource control policies (RCPs), on what is about KMS only',
    identityPolicy: 'IAM identity policies and permissions boundaries, on their statements about KMS',
  },
  aboutKms: 'What is about KMS: `kms:` actions and condition keys, and KMS key and alias ARNs (in `Resource` or in condition values). A policy\'s kind is told from its content, or set with `kmsLens.policyKinds` and `--kind`.',
  documentKinds: {
    cloudTrail: 'CloudTrail events and logs',
    listGrants: '`aws kms list-grants` output',
    kmsOutput: 'AWS CLI output about keys (`describe-key`, `get-key-rotation-status`, `list-aliases`)',
    cloudFormation: 'CloudFormation templates',
    terraform: 'Terraform modules',
    iamOutput: '`aws iam get-account-authorization-details` output',
    configuration: 'Kubernetes manifests, Ansible tasks and AWS Config configuration items that hold policies',
    other: 'any other file',
  },
  everyPolicyWhole: 'every kind of policy (key, trust, resource, VPC endpoint, SCP, RCP and identity policies), whole',
  policiesWhole: (label) => `${label}, whole`,
  eventPage: 'each CloudTrail event on its own (a single event, a log file, an array, JSON Lines)',
  logPage: 'all the CloudTrail events of one file together (one file at a time: an event in another open file does not count)',
  metaPage: 'any file KMS Lens analyses: the analysis itself reports it',
  yes: 'yes',
  no: 'no',
  fixAll: { yes: 'yes', no: 'no', whenSafe: 'when safe', nothing: 'nothing to apply' },
  noQuickFix: 'No quick fix.',
  fixApplied: (what) => `**Fix all KMS Lens problems** and \`kms-lens check --fix\` apply the quick fix when it ${what.join('; or ')}.`,
  fixLeft: (what, after) => `${after ? 'Otherwise the' : 'The'} quick fix is yours to pick (Fix all leaves it): it ${what.join('; or ')}.`,
  rows: { defaultSeverity: 'Default severity', kind: 'Kind of problem', quickFix: 'Quick fix', fixAll: 'Fix all and `--fix`' },
  headings: { example: 'Example', remedy: 'What to do', quickFix: 'Quick fix', appliesTo: 'Applies to', sources: 'Sources', severity: 'Severity' },
  changeSeverity: 'Change it, or turn the rule off, in your settings:',
  commandLine: (id) => `On the command line: \`kms-lens check --rule ${id}=off\`.`,
  formerly: (ids) => `Formerly ${ids} (still accepted in settings and \`--rule\`).`,
  allRules: 'All rules',
  index: {
    title: 'KMS Lens rules',
    intro: (n) => `${n} rules. Each can be set to \`error\`, \`warning\`, \`information\`, \`hint\` or \`off\` in \`kmsLens.rules\` (or with \`--rule ID=SEVERITY\` in the CLI).`,
    note: '"Quick fix": the rule offers one. "Fix all": whether **Fix all KMS Lens problems** and `kms-lens check --fix` apply it: only fixes that cannot let anyone do more than today are applied (a repair of a document AWS rejects, or a change AWS reads the same way); the others are quick fixes you pick, and their titles say what they will allow or deny.',
    columns: '| Rule | Default | Applies to | Quick fix | Fix all | What it catches |',
  },
};

const IT_KIND_NAMES: Record<PolicyKind, string> = {
  keyPolicy: 'policy della chiave', trustPolicy: 'policy di attendibilità', resourcePolicy: 'policy basate sulle risorse',
  vpcEndpointPolicy: 'policy degli endpoint VPC', serviceControlPolicy: 'SCP', resourceControlPolicy: 'RCP', identityPolicy: 'policy di identità',
};

const IT: RulePageText = {
  severity: { error: 'Errore', warning: 'Avviso', information: 'Informazioni', hint: 'Suggerimento' },
  category: {
    syntax: 'JSON non valido (AWS rifiuta il documento)',
    rejected: 'AWS rifiuta la policy o la richiesta',
    invalid: 'non valido nel linguaggio delle policy (AWS non documenta cosa ne fa)',
    ineffective: 'accettato, ma non corrisponde mai o non ha effetto',
    risk: 'consente o rischia più di quanto probabilmente si intende',
    style: 'AWS lo legge allo stesso modo; scritto in altro modo è più chiaro',
    placeholder: 'un valore preso dalla documentazione AWS',
    record: 'un record CloudTrail malformato o contraddittorio',
    activity: 'ciò che i log mostrano sia accaduto',
    analysis: 'un limite dell\'analisi',
  },
  safety: {
    repair: 'ripara un documento che AWS rifiuta, nell\'unica cosa che può voler dire',
    neutral: 'non cambia nulla di ciò che AWS valuta',
    narrows: 'restringe soltanto l\'accesso',
    widens: 'può consentire più di oggi (il suo titolo dice cosa consentirà poi l\'istruzione)',
    review: 'è una scelta tra diverse, o una raccomandazione',
  },
  policyScope: (kinds, all) => (all ? 'ogni policy (le sue parti su KMS)' : andList(kinds.map((k) => IT_KIND_NAMES[k]), 'e')),
  scope: { document: 'documento', event: 'eventi CloudTrail', log: 'log di CloudTrail', meta: 'ogni file analizzato' },
  kindOnPage: {
    keyPolicy: 'policy delle chiavi KMS',
    trustPolicy: 'policy di attendibilità dei ruoli IAM, solo su ciò che riguarda KMS',
    resourcePolicy: 'policy basate sulle risorse di altri servizi (bucket S3, coda SQS, argomento SNS, segreto di Secrets Manager, ...), solo su ciò che riguarda KMS',
    vpcEndpointPolicy: 'policy degli endpoint VPC, solo su ciò che riguarda KMS',
    serviceControlPolicy: 'policy di controllo dei servizi (SCP), solo su ciò che riguarda KMS',
    resourceControlPolicy: 'policy di controllo delle risorse (RCP), solo su ciò che riguarda KMS',
    identityPolicy: 'policy di identità IAM e limiti delle autorizzazioni, sulle loro istruzioni che riguardano KMS',
  },
  aboutKms: 'Ciò che riguarda KMS: azioni e chiavi di condizione `kms:`, e ARN di chiavi KMS e di alias (in `Resource` o nei valori delle condizioni). Il tipo di una policy si deduce dal suo contenuto, oppure si imposta con `kmsLens.policyKinds` e `--kind`.',
  documentKinds: {
    cloudTrail: 'eventi e log di CloudTrail',
    listGrants: 'output di `aws kms list-grants`',
    kmsOutput: 'output della AWS CLI sulle chiavi (`describe-key`, `get-key-rotation-status`, `list-aliases`)',
    cloudFormation: 'modelli CloudFormation',
    terraform: 'moduli Terraform',
    iamOutput: 'output di `aws iam get-account-authorization-details`',
    configuration: 'manifest Kubernetes, task Ansible ed elementi di configurazione di AWS Config che contengono policy',
    other: 'qualsiasi altro file',
  },
  everyPolicyWhole: 'ogni tipo di policy (della chiave, di attendibilità, basate sulle risorse, degli endpoint VPC, SCP, RCP e di identità), per intero',
  policiesWhole: (label) => `${label}, per intero`,
  eventPage: 'ogni evento CloudTrail da solo (un singolo evento, un file di log, un array, JSON Lines)',
  logPage: 'tutti gli eventi CloudTrail di un file insieme (un file alla volta: un evento in un altro file aperto non conta)',
  metaPage: 'ogni file che KMS Lens analizza: lo segnala l\'analisi stessa',
  yes: 'sì',
  no: 'no',
  fixAll: { yes: 'sì', no: 'no', whenSafe: 'quando è sicura', nothing: 'niente da applicare' },
  noQuickFix: 'Nessuna correzione rapida.',
  fixApplied: (what) => `**Correggi tutti i problemi di KMS Lens** e \`kms-lens check --fix\` applicano la correzione rapida quando ${what.join('; oppure ')}.`,
  fixLeft: (what, after) => `${after ? 'Altrimenti la' : 'La'} correzione rapida la scegli tu (Correggi tutto non la applica): ${what.join('; oppure ')}.`,
  rows: { defaultSeverity: 'Gravità predefinita', kind: 'Tipo di problema', quickFix: 'Correzione rapida', fixAll: 'Correggi tutto e `--fix`' },
  headings: { example: 'Esempio', remedy: 'Cosa fare', quickFix: 'Correzione rapida', appliesTo: 'Si applica a', sources: 'Fonti', severity: 'Gravità' },
  changeSeverity: 'Cambiala, o disattiva la regola, nelle impostazioni:',
  commandLine: (id) => `Dalla riga di comando: \`kms-lens check --rule ${id}=off\`.`,
  formerly: (ids) => `In precedenza ${ids} (ancora accettato nelle impostazioni e in \`--rule\`).`,
  allRules: 'Tutte le regole',
  original: (page) => `Questa pagina è una traduzione; in caso di dubbio fa fede [l'originale in inglese](${page}).`,
  index: {
    title: 'Regole di KMS Lens',
    intro: (n) => `${n} regole. Ognuna si può impostare a \`error\`, \`warning\`, \`information\`, \`hint\` o \`off\` in \`kmsLens.rules\` (o con \`--rule ID=SEVERITY\` nella CLI).`,
    note: '"Correzione rapida": la regola ne offre una. "Correggi tutto": se **Correggi tutti i problemi di KMS Lens** e `kms-lens check --fix` la applicano. Si applicano solo le correzioni che non possono permettere a nessuno di fare più di oggi (la riparazione di un documento che AWS rifiuta, o una modifica che AWS legge allo stesso modo); le altre sono correzioni rapide che scegli tu, e i loro titoli dicono cosa consentiranno o negheranno.',
    columns: '| Regola | Predefinita | Si applica a | Correzione rapida | Correggi tutto | Cosa rileva |',
  },
};

const ES_KIND_NAMES: Record<PolicyKind, string> = {
  keyPolicy: 'políticas de claves', trustPolicy: 'políticas de confianza', resourcePolicy: 'políticas basadas en recursos',
  vpcEndpointPolicy: 'políticas de puntos de enlace de VPC', serviceControlPolicy: 'SCP', resourceControlPolicy: 'RCP', identityPolicy: 'políticas de identidad',
};

const ES: RulePageText = {
  severity: { error: 'Error', warning: 'Advertencia', information: 'Información', hint: 'Sugerencia' },
  category: {
    syntax: 'JSON no válido (AWS rechaza el documento)',
    rejected: 'AWS rechaza la política o la solicitud',
    invalid: 'no válido en el lenguaje de políticas (AWS no documenta qué hace con ello)',
    ineffective: 'se acepta, pero nunca coincide o no tiene efecto',
    risk: 'permite o arriesga más de lo que probablemente se pretende',
    style: 'AWS lo lee igual; escrito de otra forma es más claro',
    placeholder: 'un valor tomado de la documentación de AWS',
    record: 'un registro de CloudTrail mal formado o contradictorio',
    activity: 'lo que los registros muestran que ocurrió',
    analysis: 'un límite del análisis',
  },
  safety: {
    repair: 'repara un documento que AWS rechaza, en lo único que puede querer decir',
    neutral: 'no cambia nada de lo que AWS evalúa',
    narrows: 'solo restringe el acceso',
    widens: 'puede permitir más que hoy (su título dice qué permitirá entonces la instrucción)',
    review: 'es una opción entre varias, o una recomendación',
  },
  policyScope: (kinds, all) => (all ? 'toda política (sus partes sobre KMS)' : andList(kinds.map((k) => ES_KIND_NAMES[k]), 'y')),
  scope: { document: 'documento', event: 'eventos de CloudTrail', log: 'registros de CloudTrail', meta: 'cualquier archivo analizado' },
  kindOnPage: {
    keyPolicy: 'políticas de claves KMS',
    trustPolicy: 'políticas de confianza de roles de IAM, solo en lo que concierne a KMS',
    resourcePolicy: 'políticas basadas en recursos de otros servicios (bucket de S3, cola de SQS, tema de SNS, secreto de Secrets Manager, ...), solo en lo que concierne a KMS',
    vpcEndpointPolicy: 'políticas de puntos de enlace de VPC, solo en lo que concierne a KMS',
    serviceControlPolicy: 'políticas de control de servicios (SCP), solo en lo que concierne a KMS',
    resourceControlPolicy: 'políticas de control de recursos (RCP), solo en lo que concierne a KMS',
    identityPolicy: 'políticas de identidad de IAM y límites de permisos, en sus instrucciones sobre KMS',
  },
  aboutKms: 'Lo que concierne a KMS: acciones y claves de condición `kms:`, y ARN de claves KMS y de alias (en `Resource` o en valores de condición). El tipo de una política se deduce de su contenido, o se establece con `kmsLens.policyKinds` y `--kind`.',
  documentKinds: {
    cloudTrail: 'eventos y registros de CloudTrail',
    listGrants: 'salida de `aws kms list-grants`',
    kmsOutput: 'salida de la AWS CLI sobre claves (`describe-key`, `get-key-rotation-status`, `list-aliases`)',
    cloudFormation: 'plantillas de CloudFormation',
    terraform: 'módulos de Terraform',
    iamOutput: 'salida de `aws iam get-account-authorization-details`',
    configuration: 'manifiestos de Kubernetes, tareas de Ansible y elementos de configuración de AWS Config que contienen políticas',
    other: 'cualquier otro archivo',
  },
  everyPolicyWhole: 'todo tipo de política (de claves, de confianza, basadas en recursos, de puntos de enlace de VPC, SCP, RCP y de identidad), el documento entero',
  policiesWhole: (label) => `${label}, el documento entero`,
  eventPage: 'cada evento de CloudTrail por separado (un solo evento, un archivo de registro, una matriz, JSON Lines)',
  logPage: 'todos los eventos de CloudTrail de un archivo juntos (un archivo cada vez: un evento en otro archivo abierto no cuenta)',
  metaPage: 'cualquier archivo que KMS Lens analiza: lo indica el propio análisis',
  yes: 'sí',
  no: 'no',
  fixAll: { yes: 'sí', no: 'no', whenSafe: 'cuando es segura', nothing: 'nada que aplicar' },
  noQuickFix: 'Sin corrección rápida.',
  fixApplied: (what) => `**Corregir todos los problemas de KMS Lens** y \`kms-lens check --fix\` aplican la corrección rápida cuando ${what.join('; o ')}.`,
  fixLeft: (what, after) => `${after ? 'En otro caso, la' : 'La'} corrección rápida se elige a mano (Corregir todo no la aplica): ${what.join('; o ')}.`,
  rows: { defaultSeverity: 'Gravedad predeterminada', kind: 'Tipo de problema', quickFix: 'Corrección rápida', fixAll: 'Corregir todo y `--fix`' },
  headings: { example: 'Ejemplo', remedy: 'Qué hacer', quickFix: 'Corrección rápida', appliesTo: 'Se aplica a', sources: 'Fuentes', severity: 'Gravedad' },
  changeSeverity: 'Se cambia, o se desactiva la regla, en la configuración:',
  commandLine: (id) => `En la línea de comandos: \`kms-lens check --rule ${id}=off\`.`,
  formerly: (ids) => `Antes ${ids} (se sigue aceptando en la configuración y en \`--rule\`).`,
  allRules: 'Todas las reglas',
  original: (page) => `Esta página es una traducción; en caso de duda prevalece [el original en inglés](${page}).`,
  index: {
    title: 'Reglas de KMS Lens',
    intro: (n) => `${n} reglas. Cada una se puede establecer en \`error\`, \`warning\`, \`information\`, \`hint\` u \`off\` en \`kmsLens.rules\` (o con \`--rule ID=SEVERITY\` en la CLI).`,
    note: '"Corrección rápida": la regla ofrece una. "Corregir todo": si **Corregir todos los problemas de KMS Lens** y `kms-lens check --fix` la aplican. Solo se aplican las correcciones que no pueden permitir a nadie hacer más que hoy (la reparación de un documento que AWS rechaza, o un cambio que AWS lee igual); las demás son correcciones rápidas que se eligen a mano, y sus títulos dicen qué permitirán o denegarán.',
    columns: '| Regla | Predeterminada | Se aplica a | Corrección rápida | Corregir todo | Qué detecta |',
  },
};

export const RULE_PAGE_TEXT: Readonly<Record<DocsLanguage, RulePageText>> = { en: EN, it: IT, es: ES };
