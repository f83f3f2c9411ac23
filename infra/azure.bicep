// The bot on Azure, as the Microsoft 365 Agents Toolkit provisions it (m365agents.yml, arm/deploy):
// an Azure Bot on the Teams channel, authenticated by a user-assigned managed identity (no secret to rotate);
// an App Service on Linux running Node 20 with two or more instances behind it; Azure Database for PostgreSQL
// Flexible Server holding what every instance shares (questions, feedback, helpdesk); Application Insights
// and a Log Analytics workspace receiving the app's structured logs.
// Checked here: parsed by the project's tests (resource types, parameters, app settings). Not deployed here:
// these machines cannot reach Azure; run `az bicep build` and a what-if deployment before the first use.

@description('Prefix of every resource name: letters and digits, 3 to 16 characters.')
@minLength(3)
@maxLength(16)
param resourceBaseName string

@description('Azure region of everything but the bot registration (which is global).')
param location string = resourceGroup().location

@description('Name the bot shows in Teams.')
param botDisplayName string = 'Care Procedures'

@description('App Service plan size; Basic (B1) or higher supports several instances.')
param appServiceSku string = 'P0v3'

@description('App Service instances: two or more, so that a restart or a failing instance never stops answers.')
@minValue(2)
@maxValue(10)
param instanceCount int = 2

@description('Council answered for when nothing else says (a folder under knowledge/).')
param council string = 'reading'

@description('Teams tenant id to council, for one deployment serving several: tenantId=council,tenantId=council.')
param tenantCouncils string = ''

@description('Helpdesk team id (see README, Helpdesk); empty for no helpdesk.')
param helpdeskTeamId string = ''

@description('Helpdesk leads who approve the bot\'s helpdesk answers: Microsoft Entra object ids, comma separated (see README, For the helpdesk).')
param helpdeskApprovers string = ''

@description('Days questions and feedback are kept.')
@minValue(1)
param retentionDays int = 90

@description('PostgreSQL administrator login.')
param postgresAdminLogin string = 'botadmin'

@description('PostgreSQL administrator password (from the environment: SECRET_POSTGRES_ADMIN_PASSWORD).')
@secure()
param postgresAdminPassword string

var postgresDatabase = 'procedures'
var webAppName = '${resourceBaseName}-bot'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-identity'
  location: location
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'Node.JS'
    WorkspaceResourceId: workspace.id
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {
  name: '${resourceBaseName}-pg'
  location: location
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 32 }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: { mode: 'Disabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2022-12-01' = {
  parent: postgres
  name: postgresDatabase
}

// Azure services only (the App Service's outbound addresses); the bot connects with TLS (sslmode=require).
resource allowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2022-12-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      // Node as the process App Service signals on restart and scale-in (not npm), so stops are clean.
      appCommandLine: 'node dist/server/main.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'NODE_ENV', value: 'production' }
        { name: 'PORT', value: '8080' }
        { name: 'WEBSITES_PORT', value: '8080' }
        { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
        { name: 'MicrosoftAppId', value: identity.properties.clientId }
        { name: 'MicrosoftAppTenantId', value: identity.properties.tenantId }
        { name: 'COUNCIL', value: council }
        { name: 'TENANT_COUNCILS', value: tenantCouncils }
        { name: 'HELPDESK_TEAM_ID', value: helpdeskTeamId }
        { name: 'HELPDESK_APPROVERS', value: helpdeskApprovers }
        { name: 'RETENTION_DAYS', value: string(retentionDays) }
        { name: 'DATABASE_URL', value: 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${postgresDatabase}?sslmode=require' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'ApplicationInsightsAgent_EXTENSION_VERSION', value: '~3' }
        // The package is built before deployment (m365agents.yml, deploy); App Service only runs it.
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
      ]
    }
  }
  dependsOn: [database, allowAzure]
}

// The bot's stdout (pino JSON lines) and HTTP logs into the workspace Application Insights reads.
resource webAppLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: workspace.id
    logs: [
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServiceHTTPLogs', enabled: true }
    ]
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
    msaAppType: 'UserAssignedMSI'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
