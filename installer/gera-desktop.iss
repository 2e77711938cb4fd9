; Inno Setup script: a per-user installer of gera-desktop for the office PCs of the Stadt Gera.
;
;   1. uv run pyinstaller installer.spec --noconfirm        (on Windows: dist\gera-desktop\)
;   2. iscc installer\gera-desktop.iss                      ->  dist\installer\gera-desktop-<Version>-setup.exe
;
; No admin rights: everything goes below the user's profile (%LOCALAPPDATA%\Programs\gera-desktop), the
; uninstall entry and the optional database setting into HKEY_CURRENT_USER, nothing into HKLM.
; The data (database, backups, log) lives apart in %LOCALAPPDATA%\gera-desktop and is kept by updates
; and by the uninstaller. See docs\installer.md. Saved as UTF-8 with BOM for the German texts.

#define AppName "Smart City Gera – Maßnahmenverwaltung"
#define AppExe "gera-desktop.exe"
#define Bundle SourcePath + "..\dist\gera-desktop"
#ifndef AppVersion
  ; The version the executable carries (installer.spec writes it from pyproject.toml).
  #define AppVersion GetStringFileInfo(Bundle + "\" + AppExe, "ProductVersion")
#endif

[Setup]
; Never change the AppId: it is how an update finds the installed programme.
AppId={{A05EDCB4-D4C5-4DE1-A158-748F55D79BC0}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Stadt Gera
AppCopyright=© Stadt Gera
VersionInfoCompany=Stadt Gera
VersionInfoDescription={#AppName} – Installation
VersionInfoProductName={#AppName}
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\gera-desktop
DisableDirPage=auto
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=..\resources\icons\gera-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\dist\installer
OutputBaseFilename=gera-desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An update closes a running programme first (and starts it again only in an interactive install).
CloseApplications=yes
RestartApplications=no
ChangesEnvironment=yes
ShowLanguageDialog=no

[Languages]
Name: "german"; MessagesFile: "compiler:Languages\German.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the programme's libraries completely, so that none of an older version stays behind.
; The data is not here (see above).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Die Maßnahmen des Smart City Modellprojekts verwalten"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; Optional: setup.exe /DB="postgresql+psycopg://datenbankserver/smartcity" sets the database for this user
; (the environment variable GERA_DESKTOP_DB, removed again by the uninstaller).
Root: HKCU; Subkey: "Environment"; ValueType: string; ValueName: "GERA_DESKTOP_DB"; ValueData: "{param:DB|}"; Flags: uninsdeletevalue; Check: DatabaseGiven

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function DatabaseGiven: Boolean;
begin
  Result := ExpandConstant('{param:DB|}') <> '';
end;
