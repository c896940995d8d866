IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    CREATE TABLE [ApiKeys] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(100) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [Role] nvarchar(16) NOT NULL,
        [Hash] nvarchar(64) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [Prefix] nvarchar(16) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [RevokedAt] datetime2 NULL,
        CONSTRAINT [PK_ApiKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    CREATE TABLE [Events] (
        [Id] int NOT NULL IDENTITY,
        [Slug] nvarchar(100) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [Name] nvarchar(200) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [Permalink] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NULL,
        [TimeZone] nvarchar(64) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [StartDate] date NOT NULL,
        [EndDate] date NOT NULL,
        [DailyStart] time NOT NULL,
        [DailyEnd] time NOT NULL,
        [SlotMinutes] int NOT NULL,
        [WhatsNextMarkdown] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NULL,
        [Version] int NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [Description_Html] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [Description_Markdown] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [Description_PlainText] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [LocalHours] nvarchar(max) NULL,
        CONSTRAINT [PK_Events] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    CREATE TABLE [Presenters] (
        [Id] int NOT NULL IDENTITY,
        [Slug] nvarchar(100) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [Name] nvarchar(200) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [JobTitle] nvarchar(200) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NULL,
        [Company] nvarchar(200) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NULL,
        [Twitter] nvarchar(100) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NULL,
        [GitHub] nvarchar(100) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NULL,
        [LinkedIn] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NULL,
        [Website] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NULL,
        [Version] int NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [DeletedAt] datetime2 NULL,
        CONSTRAINT [PK_Presenters] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    CREATE TABLE [Revisions] (
        [Id] int NOT NULL IDENTITY,
        [EntityType] nvarchar(32) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [EntityId] int NOT NULL,
        [Version] int NOT NULL,
        [Operation] nvarchar(16) NOT NULL,
        [Author] nvarchar(100) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [ChangedFields] nvarchar(1000) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [PreviousContent] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NULL,
        CONSTRAINT [PK_Revisions] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    CREATE TABLE [Days] (
        [Id] int NOT NULL IDENTITY,
        [EventId] int NOT NULL,
        [Date] date NOT NULL,
        [StartsAt] datetime2 NOT NULL,
        [EndsAt] datetime2 NOT NULL,
        [Version] int NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Days] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Days_Events_EventId] FOREIGN KEY ([EventId]) REFERENCES [Events] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    CREATE TABLE [Sponsors] (
        [Id] int NOT NULL IDENTITY,
        [EventId] int NOT NULL,
        [Name] nvarchar(200) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [Url] nvarchar(2000) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [Position] int NOT NULL,
        CONSTRAINT [PK_Sponsors] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Sponsors_Events_EventId] FOREIGN KEY ([EventId]) REFERENCES [Events] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    CREATE TABLE [Slots] (
        [Id] int NOT NULL IDENTITY,
        [DayId] int NOT NULL,
        [StartsAt] datetime2 NOT NULL,
        [EndsAt] datetime2 NOT NULL,
        [Track] nvarchar(100) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NULL,
        [Version] int NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Slots] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_Slots_EndsAfterStart] CHECK ("EndsAt" > "StartsAt"),
        CONSTRAINT [FK_Slots_Days_DayId] FOREIGN KEY ([DayId]) REFERENCES [Days] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    CREATE TABLE [Sessions] (
        [Id] int NOT NULL IDENTITY,
        [EventId] int NOT NULL,
        [SlotId] int NULL,
        [Slug] nvarchar(100) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [Title] nvarchar(200) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [ProgrammeTitle] nvarchar(200) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [Version] int NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [DeletedAt] datetime2 NULL,
        [Abstract_Html] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [Abstract_Markdown] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [Abstract_PlainText] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        CONSTRAINT [PK_Sessions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Sessions_Events_EventId] FOREIGN KEY ([EventId]) REFERENCES [Events] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_Sessions_Slots_SlotId] FOREIGN KEY ([SlotId]) REFERENCES [Slots] ([Id]) ON DELETE SET NULL
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    CREATE TABLE [Links] (
        [Id] int NOT NULL IDENTITY,
        [Kind] nvarchar(32) NOT NULL,
        [Url] nvarchar(2000) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [Label] nvarchar(200) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [Position] int NOT NULL,
        [SessionId] int NULL,
        [EventId] int NULL,
        [Version] int NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Links] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_Links_OneOwner] CHECK (("SessionId" IS NULL AND "EventId" IS NOT NULL) OR ("SessionId" IS NOT NULL AND "EventId" IS NULL)),
        CONSTRAINT [FK_Links_Events_EventId] FOREIGN KEY ([EventId]) REFERENCES [Events] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_Links_Sessions_SessionId] FOREIGN KEY ([SessionId]) REFERENCES [Sessions] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    CREATE TABLE [SessionPresenters] (
        [SessionId] int NOT NULL,
        [PresenterId] int NOT NULL,
        [Role] nvarchar(32) NOT NULL,
        [Position] int NOT NULL,
        CONSTRAINT [PK_SessionPresenters] PRIMARY KEY ([SessionId], [PresenterId]),
        CONSTRAINT [FK_SessionPresenters_Presenters_PresenterId] FOREIGN KEY ([PresenterId]) REFERENCES [Presenters] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_SessionPresenters_Sessions_SessionId] FOREIGN KEY ([SessionId]) REFERENCES [Sessions] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ApiKeys_Hash] ON [ApiKeys] ([Hash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ApiKeys_Name] ON [ApiKeys] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Days_EventId_Date] ON [Days] ([EventId], [Date]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Events_Slug] ON [Events] ([Slug]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Links_EventId] ON [Links] ([EventId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Links_SessionId] ON [Links] ([SessionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Presenters_Name] ON [Presenters] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Presenters_Slug] ON [Presenters] ([Slug]) WHERE "DeletedAt" IS NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Revisions_EntityType_EntityId_Id] ON [Revisions] ([EntityType], [EntityId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_SessionPresenters_PresenterId] ON [SessionPresenters] ([PresenterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Sessions_EventId_Slug] ON [Sessions] ([EventId], [Slug]) WHERE "DeletedAt" IS NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Sessions_SlotId] ON [Sessions] ([SlotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Sessions_Title] ON [Sessions] ([Title]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Slots_DayId_StartsAt] ON [Slots] ([DayId], [StartsAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Sponsors_EventId] ON [Sponsors] ([EventId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127194034_InitialCreate'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261127194034_InitialCreate', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127200030_EditionPages'
)
BEGIN
    ALTER TABLE [SessionPresenters] ADD [Credit] nvarchar(1000) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127200030_EditionPages'
)
BEGIN
    ALTER TABLE [Links] ADD [Markdown] nvarchar(2000) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127200030_EditionPages'
)
BEGIN
    ALTER TABLE [Events] ADD [Wording] nvarchar(max) NOT NULL DEFAULT N'{}';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127200030_EditionPages'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261127200030_EditionPages', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128000806_SlotStartTimeIndex'
)
BEGIN
    CREATE INDEX [IX_Slots_StartsAt] ON [Slots] ([StartsAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128000806_SlotStartTimeIndex'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261128000806_SlotStartTimeIndex', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130124155_ContentVersion'
)
BEGIN
    CREATE TABLE [ContentVersions] (
        [Id] int NOT NULL,
        [Version] bigint NOT NULL,
        [PublicVersion] bigint NOT NULL,
        CONSTRAINT [PK_ContentVersions] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130124155_ContentVersion'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'PublicVersion', N'Version') AND [object_id] = OBJECT_ID(N'[ContentVersions]'))
        SET IDENTITY_INSERT [ContentVersions] ON;
    EXEC(N'INSERT INTO [ContentVersions] ([Id], [PublicVersion], [Version])
    VALUES (1, CAST(0 AS bigint), CAST(0 AS bigint))');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'PublicVersion', N'Version') AND [object_id] = OBJECT_ID(N'[ContentVersions]'))
        SET IDENTITY_INSERT [ContentVersions] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130124155_ContentVersion'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130124155_ContentVersion', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130143147_WebhooksAndScheduledPublishing'
)
BEGIN
    ALTER TABLE [Sessions] ADD [PublishAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130143147_WebhooksAndScheduledPublishing'
)
BEGIN
    ALTER TABLE [Sessions] ADD [UnpublishAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130143147_WebhooksAndScheduledPublishing'
)
BEGIN
    CREATE TABLE [WebhookEndpoints] (
        [Id] int NOT NULL IDENTITY,
        [Url] nvarchar(2000) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [Secret] nvarchar(200) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [Events] nvarchar(1000) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [FromConfiguration] bit NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_WebhookEndpoints] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130143147_WebhooksAndScheduledPublishing'
)
BEGIN
    CREATE TABLE [WebhookDeliveries] (
        [Id] int NOT NULL IDENTITY,
        [EndpointId] int NOT NULL,
        [EventId] nvarchar(36) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [EventName] nvarchar(64) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [Subject] nvarchar(64) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [Body] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [Attempts] int NOT NULL,
        [LastError] nvarchar(500) COLLATE Latin1_General_100_CS_AS_SC_UTF8 NULL,
        [NextAttemptAt] datetime2 NOT NULL,
        [LeasedUntil] datetime2 NULL,
        [CreatedAt] datetime2 NOT NULL,
        [DeliveredAt] datetime2 NULL,
        CONSTRAINT [PK_WebhookDeliveries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WebhookDeliveries_WebhookEndpoints_EndpointId] FOREIGN KEY ([EndpointId]) REFERENCES [WebhookEndpoints] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130143147_WebhooksAndScheduledPublishing'
)
BEGIN
    CREATE INDEX [IX_Sessions_PublishAt] ON [Sessions] ([PublishAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130143147_WebhooksAndScheduledPublishing'
)
BEGIN
    CREATE INDEX [IX_Sessions_UnpublishAt] ON [Sessions] ([UnpublishAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130143147_WebhooksAndScheduledPublishing'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_EndpointId_Subject_Status_Id] ON [WebhookDeliveries] ([EndpointId], [Subject], [Status], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130143147_WebhooksAndScheduledPublishing'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_Status_NextAttemptAt] ON [WebhookDeliveries] ([Status], [NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130143147_WebhooksAndScheduledPublishing'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130143147_WebhooksAndScheduledPublishing', N'10.0.15');
END;

COMMIT;
GO

