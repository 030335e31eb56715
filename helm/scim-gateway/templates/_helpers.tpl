{{/*
Chart name, truncated to 63 characters: the limit of a DNS label, which many names end up in.
*/}}
{{- define "scim-gateway.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name of the release's objects. A release already named after the chart is not repeated
("scim-gateway", not "scim-gateway-scim-gateway").
*/}}
{{- define "scim-gateway.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart label value; "+" is not allowed in label values.
*/}}
{{- define "scim-gateway.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Selector labels. They are immutable on a Deployment, so they hold nothing that changes between
upgrades (no version, no chart).
*/}}
{{- define "scim-gateway.selectorLabels" -}}
app.kubernetes.io/name: {{ include "scim-gateway.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Labels for every object.
*/}}
{{- define "scim-gateway.labels" -}}
{{ include "scim-gateway.componentLabels" (dict "root" . "component" "gateway") }}
{{- end }}

{{/*
The same labels with another app.kubernetes.io/component: dict with root and component. The
management Service is the one object of component "management", which the ServiceMonitor selects.
*/}}
{{- define "scim-gateway.componentLabels" -}}
{{- $root := .root -}}
helm.sh/chart: {{ include "scim-gateway.chart" $root }}
{{ include "scim-gateway.selectorLabels" $root }}
app.kubernetes.io/version: {{ include "scim-gateway.imageTag" $root | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/part-of: scim-gateway
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
{{- with $root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Name of the Service in front of the management port; the suffix still fits in 63 characters.
*/}}
{{- define "scim-gateway.managementName" -}}
{{- printf "%s-management" (include "scim-gateway.fullname" . | trunc 52 | trimSuffix "-") }}
{{- end }}

{{- define "scim-gateway.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "scim-gateway.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "scim-gateway.imageTag" -}}
{{- default .Chart.AppVersion .Values.image.tag }}
{{- end }}

{{/*
Image reference; a digest pins the exact image even if someone re-pushes the tag.
*/}}
{{- define "scim-gateway.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (include "scim-gateway.imageTag" .) }}
{{- end }}
{{- end }}

{{/*
Secret holding whatever the chart manages itself: the credentials and tokens that no
existingSecret supplies.
*/}}
{{- define "scim-gateway.secretName" -}}
{{- include "scim-gateway.fullname" . }}
{{- end }}

{{- define "scim-gateway.databaseSecretName" -}}
{{- default (include "scim-gateway.secretName" .) .Values.database.existingSecret }}
{{- end }}

{{- define "scim-gateway.authSecretName" -}}
{{- default (include "scim-gateway.secretName" .) .Values.auth.existingSecret }}
{{- end }}

{{- define "scim-gateway.databaseUsernameKey" -}}
{{- if .Values.database.existingSecret }}{{ .Values.database.existingSecretUsernameKey }}{{ else }}db-username{{ end }}
{{- end }}

{{- define "scim-gateway.databasePasswordKey" -}}
{{- if .Values.database.existingSecret }}{{ .Values.database.existingSecretPasswordKey }}{{ else }}db-password{{ end }}
{{- end }}

{{- define "scim-gateway.adminTokenKey" -}}
{{- if .Values.auth.existingSecret }}{{ .Values.auth.existingSecretAdminTokenKey }}{{ else }}admin-token{{ end }}
{{- end }}

{{- define "scim-gateway.signingKeyKey" -}}
{{- if .Values.auth.existingSecret }}{{ .Values.auth.existingSecretSigningKeyKey }}{{ else }}token-signing-key{{ end }}
{{- end }}

{{- define "scim-gateway.eventsSigningKeyKey" -}}
{{- if .Values.auth.existingSecret }}{{ .Values.auth.existingSecretEventsSigningKeyKey }}{{ else }}events-signing-key{{ end }}
{{- end }}

{{/*
True when the chart must render its own Secret.
*/}}
{{- define "scim-gateway.createSecret" -}}
{{- if or (not .Values.auth.existingSecret) (and (not .Values.database.existingSecret) (or .Values.database.username .Values.database.password)) }}true{{ end }}
{{- end }}

{{/*
Whether the pods get database credentials from a Secret at all: an embedded demo has none.
*/}}
{{- define "scim-gateway.hasDatabaseCredentials" -}}
{{- if or .Values.database.existingSecret .Values.database.username .Values.database.password }}true{{ end }}
{{- end }}

{{/*
Selector for PromQL: the ServiceMonitor's job label is the Service name.
*/}}
{{- define "scim-gateway.promSelector" -}}
job="{{ include "scim-gateway.fullname" . }}", namespace="{{ .Release.Namespace }}"
{{- end }}

{{/*
What the pods must roll on: the supplied secret inputs, not the rendered Secret, whose generated
values differ on every `helm template` and would roll the pods for nothing.
*/}}
{{- define "scim-gateway.secretInputs" -}}
{{- list .Values.database.username .Values.database.password .Values.database.existingSecret .Values.database.existingSecretUrlKey .Values.database.existingSecretUsernameKey .Values.database.existingSecretPasswordKey .Values.auth.adminToken .Values.auth.tokenSigningKey .Values.auth.existingSecret .Values.auth.existingSecretAdminTokenKey .Values.auth.existingSecretSigningKeyKey | toJson }}
{{- end }}

{{/*
Refuses, at render time, values whose pods could only crash-loop: without a database URL the
gateway would start its embedded PostgreSQL, which it refuses inside Kubernetes unless the demo
switch is on.
*/}}
{{- define "scim-gateway.validateValues" -}}
{{- $db := .Values.database }}
{{- if and $db.url $db.existingSecretUrlKey }}
{{- fail "database.url and database.existingSecretUrlKey are both set: the URL comes from one place, set only one of them." }}
{{- end }}
{{- if and $db.existingSecretUrlKey (not $db.existingSecret) }}
{{- fail "database.existingSecretUrlKey names a key of database.existingSecret, which is empty: set database.existingSecret too." }}
{{- end }}
{{- if eq (int .Values.containerPort) (int .Values.managementPort) }}
{{- fail "managementPort equals containerPort: metrics would be served on the port the Service and the Ingresses forward to. Give managementPort a port of its own." }}
{{- end }}
{{- if not (or $db.url $db.existingSecretUrlKey .Values.gateway.allowEmbeddedDatabase) }}
{{- fail "database.url is required: set it to the R2DBC URL of your PostgreSQL (--set database.url=r2dbc:postgresql://HOST:5432/DB), or take it from a Secret with database.existingSecret and database.existingSecretUrlKey. Only for a throw-away one-pod demo on the embedded database, set gateway.allowEmbeddedDatabase=true instead." }}
{{- end }}
{{- end }}

{{/*
One Ingress to the gateway Service: dict with root, name, className, annotations and hosts
(each {host, paths: [{path, pathType}]}); TLS is ingress.tls for every one of them.
*/}}
{{- define "scim-gateway.ingress" -}}
{{- $root := .root -}}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ .name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "scim-gateway.labels" $root | nindent 4 }}
  {{- with .annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with .className }}
  ingressClassName: {{ . }}
  {{- end }}
  {{- with $root.Values.ingress.tls }}
  tls:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  rules:
    {{- range .hosts }}
    - host: {{ .host | quote }}
      http:
        paths:
          {{- range .paths }}
          - path: {{ .path }}
            pathType: {{ .pathType }}
            backend:
              service:
                name: {{ include "scim-gateway.fullname" $root }}
                port:
                  name: http
          {{- end }}
    {{- end }}
{{- end }}
