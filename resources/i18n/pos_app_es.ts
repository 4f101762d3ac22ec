<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <source>static</source>
        <translation>estático</translation>
    </message>
    <message>
        <source>dynamic</source>
        <translation>dinámico</translation>
    </message>
    <message>
        <source>hybrid</source>
        <translation>híbrido</translation>
    </message>
    <message>
        <source>Orders API ({mode} QR)</source>
        <translation>API de Orders (QR {mode})</translation>
    </message>
    <message>
        <source>in-store QR (the box&apos;s printed QR)</source>
        <translation>QR presencial (el QR impreso de la caja)</translation>
    </message>
    <message>
        <source>not set up yet</source>
        <translation>todavía sin configurar</translation>
    </message>
    <message>
        <source>Version: {version}</source>
        <translation>Versión: {version}</translation>
    </message>
    <message>
        <source>Data folder: {path}</source>
        <translation>Carpeta de datos: {path}</translation>
    </message>
    <message>
        <source>Ledger: {path}</source>
        <translation>Registro de ventas: {path}</translation>
    </message>
    <message>
        <source>Settings file: {path}</source>
        <translation>Archivo de configuración: {path}</translation>
    </message>
    <message>
        <source>Log folder: {path}</source>
        <translation>Carpeta de registros de la app: {path}</translation>
    </message>
    <message>
        <source>Mercado Pago user id: {id}</source>
        <translation>ID de usuario de Mercado Pago: {id}</translation>
    </message>
    <message>
        <source>Store: {id}</source>
        <translation>Sucursal: {id}</translation>
    </message>
    <message>
        <source>Box: {id}</source>
        <translation>Caja: {id}</translation>
    </message>
    <message>
        <source>API: {api}</source>
        <translation>API: {api}</translation>
    </message>
    <message>
        <source>Demo mode: {on}</source>
        <translation>Modo demo: {on}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>About pos-app</source>
        <translation>Acerca de pos-app</translation>
    </message>
    <message>
        <source>What your support technician may ask for. It holds no password or token: you can copy it and send it.</source>
        <translation>Lo que le puede pedir su técnico de soporte. No contiene ninguna contraseña ni token: puede copiarlo y enviarlo.</translation>
    </message>
    <message>
        <source>About this app</source>
        <translation>Acerca de esta aplicación</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Leyendo…</translation>
    </message>
    <message>
        <source>Copy to the clipboard</source>
        <translation>Copiar al portapapeles</translation>
    </message>
    <message>
        <source>The app&apos;s folders could not be read ({error}).</source>
        <translation>No se pudieron leer las carpetas de la aplicación ({error}).</translation>
    </message>
    <message>
        <source>Copied: paste it in your message to your support technician.</source>
        <translation>Copiado: péguelo en su mensaje a su técnico de soporte.</translation>
    </message>
</context>
<context>
    <name>Account</name>
    <message>
        <source>Paste the access token first.</source>
        <translation>Primero pegue el token de acceso.</translation>
    </message>
    <message>
        <source>This is the public key, not the access token. On the Credentials page Mercado Pago shows both: copy the longer one labelled “Access token” (it also starts with APP_USR- or TEST-).</source>
        <translation>Esta es la clave pública (Public key), no el token de acceso. En la página de Credenciales Mercado Pago muestra ambos: copie el más largo, el que dice “Access token” (también empieza con APP_USR- o TEST-).</translation>
    </message>
    <message>
        <source>The token has spaces or line breaks in it: copy it again, in one piece.</source>
        <translation>El token tiene espacios o saltos de línea: cópielo de nuevo, completo y en una sola pieza.</translation>
    </message>
    <message>
        <source>The token has characters no access token has (accents, symbols, invisible or control characters): copy it again from Mercado Pago, in one piece.</source>
        <translation>El token tiene caracteres que ningún token de acceso tiene (acentos, símbolos, caracteres invisibles o de control): cópielo de nuevo desde Mercado Pago, completo y en una sola pieza.</translation>
    </message>
    <message>
        <source>Mercado Pago did not accept this access token: it is mistyped, or it was revoked or renewed. Copy it again from Your integrations → your application → Credentials.</source>
        <translation>Mercado Pago no aceptó este token de acceso: está mal escrito, o fue revocado o renovado. Cópielo de nuevo desde Tus integraciones → tu aplicación → Credenciales.</translation>
    </message>
    <message>
        <source>Mercado Pago did not answer in time. Check the internet connection and try again.</source>
        <translation>Mercado Pago no respondió a tiempo. Revise la conexión a internet e intente de nuevo.</translation>
    </message>
    <message>
        <source>Cannot reach Mercado Pago: this computer seems to be offline (or a firewall blocks it). Check the internet connection and try again. Nothing was saved.</source>
        <translation>No se puede conectar con Mercado Pago: esta computadora parece estar sin conexión (o un firewall la bloquea). Revise la conexión a internet e intente de nuevo. No se guardó nada.</translation>
    </message>
    <message>
        <source>Mercado Pago is having trouble right now. Try again in a minute.</source>
        <translation>Mercado Pago tiene problemas en este momento. Intente de nuevo en un minuto.</translation>
    </message>
    <message>
        <source>This account is from a country the app does not support yet ({site}).</source>
        <translation>Esta cuenta es de un país que la aplicación todavía no admite ({site}).</translation>
    </message>
</context>
<context>
    <name>AccountPage</name>
    <message>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <source>Paste the access token: APP_USR-…</source>
        <translation>Pegue el token de acceso: APP_USR-…</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Token de acceso</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Show or hide what you pasted</source>
        <translation>Mostrar u ocultar lo que pegó</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Probar conexión</translation>
    </message>
    <message>
        <source>Account name:</source>
        <translation>Nombre de la cuenta:</translation>
    </message>
    <message>
        <source>User id:</source>
        <translation>ID de usuario:</translation>
    </message>
    <message>
        <source>Country:</source>
        <translation>País:</translation>
    </message>
    <message>
        <source>Currency:</source>
        <translation>Moneda:</translation>
    </message>
    <message>
        <source>Test user:</source>
        <translation>Usuario de prueba:</translation>
    </message>
    <message>
        <source>Use the token without saving it</source>
        <translation>Usar el token sin guardarlo</translation>
    </message>
    <message>
        <source>What the customer sees: Mercado Pago shows your business name and logo from your account (Your profile → Business information). Without them, the customer&apos;s phone shows the first item&apos;s name and picture instead.</source>
        <translation>Lo que ve el cliente: Mercado Pago muestra el nombre y el logo de su negocio según su cuenta (Tu perfil → Información del negocio). Si no están, el teléfono del cliente muestra en su lugar el nombre y la foto del primer artículo.</translation>
    </message>
    <message>
        <source>New access token:</source>
        <translation>Nuevo token de acceso:</translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation>Token de acceso:</translation>
    </message>
    <message>
        <source>Mercado Pago account</source>
        <translation>Cuenta de Mercado Pago</translation>
    </message>
    <message>
        <source>Where to find it: in Mercado Pago Developers open Your integrations → your application → Production credentials, and copy the “Access token” (not the “Public key”). Test credentials only simulate payments.</source>
        <translation>Dónde encontrarlo: en Mercado Pago Developers abra Tus integraciones → tu aplicación → Credenciales de producción y copie el “Access token” (no la “Public key”). Las credenciales de prueba solo simulan pagos.</translation>
    </message>
    <message>
        <source>Mercado Pago accepted the new token (it ends in {hint}). It is used until the app closes and never saved.</source>
        <translation>Mercado Pago aceptó el token nuevo (termina en {hint}). Se usa hasta que se cierre la aplicación y nunca se guarda.</translation>
    </message>
    <message>
        <source>Mercado Pago accepted the new token (it ends in {hint}).</source>
        <translation>Mercado Pago aceptó el token nuevo (termina en {hint}).</translation>
    </message>
    <message>
        <source>The access token could not be read from this computer&apos;s keyring: it is locked, or did not answer. Unlock it (for example, log in to this computer again) and start the app again; or paste the token below and press “Test connection”.</source>
        <translation>No se pudo leer el token de acceso desde el llavero de esta computadora: está bloqueado o no respondió. Desbloquéelo (por ejemplo, vuelva a iniciar sesión en esta computadora) y abra la aplicación de nuevo; o pegue el token abajo y presione “Probar conexión”.</translation>
    </message>
    <message>
        <source>This computer has no password keyring: the token is read from MP_ACCESS_TOKEN each time the app starts.</source>
        <translation>Esta computadora no tiene un llavero de contraseñas: el token se lee de MP_ACCESS_TOKEN cada vez que inicia la aplicación.</translation>
    </message>
    <message>
        <source>This computer has no password keyring (the safe place where programs keep secrets), so the app cannot remember the access token. You can still use it now: tick the box below, and it works until the app closes (you paste it again next time). To have it remembered, install and unlock a keyring (GNOME Keyring or KWallet) and start the app again; on a kiosk PC, set the MP_ACCESS_TOKEN environment variable instead. The token is never written to a file.</source>
        <translation>Esta computadora no tiene un llavero de contraseñas (el lugar seguro donde los programas guardan secretos), así que la aplicación no puede recordar el token de acceso. Igual puede usarlo ahora: marque la casilla de abajo y funciona hasta que se cierre la aplicación (la próxima vez lo pega de nuevo). Para que se recuerde, instale y desbloquee un llavero (GNOME Keyring o KWallet) y vuelva a abrir la aplicación; en una PC de quiosco, defina en cambio la variable de entorno MP_ACCESS_TOKEN. El token nunca se escribe en un archivo.</translation>
    </message>
    <message>
        <source>The token cannot be saved on this computer (see the message under the token).</source>
        <translation>El token no se puede guardar en esta computadora (vea el mensaje debajo del token).</translation>
    </message>
    <message>
        <source>This token does not work (see the message under the token).</source>
        <translation>Este token no funciona (vea el mensaje debajo del token).</translation>
    </message>
    <message>
        <source>Mercado Pago accepted the new token (it ends in {hint}). It is saved in the keyring when you press Next.</source>
        <translation>Mercado Pago aceptó el token nuevo (termina en {hint}). Se guarda en el llavero del sistema al presionar Siguiente.</translation>
    </message>
    <message>
        <source>Mercado Pago accepted the new token (it ends in {hint}). It is saved in the keyring when you press OK.</source>
        <translation>Mercado Pago aceptó el token nuevo (termina en {hint}). Se guarda en el llavero del sistema al presionar Aceptar.</translation>
    </message>
    <message>
        <source>The access token comes from the MP_ACCESS_TOKEN environment variable (it ends in {hint}). It takes precedence over the keyring: to change it, change the variable and restart the app.</source>
        <translation>El token de acceso viene de la variable de entorno MP_ACCESS_TOKEN (termina en {hint}). Tiene prioridad sobre el llavero del sistema: para cambiarlo, cambie la variable y reinicie la aplicación.</translation>
    </message>
    <message>
        <source>Access token: saved, ends in {hint}.</source>
        <translation>Token de acceso: guardado, termina en {hint}.</translation>
    </message>
    <message>
        <source>Access token: in use until the app closes (it ends in {hint}); it could not be saved on this computer.</source>
        <translation>Token de acceso: en uso hasta que se cierre la aplicación (termina en {hint}); no se pudo guardar en esta computadora.</translation>
    </message>
    <message>
        <source>Access token: given when the app started (demo or command line), ends in {hint}.</source>
        <translation>Token de acceso: recibido al iniciar la aplicación (demo o línea de comandos), termina en {hint}.</translation>
    </message>
    <message>
        <source>No access token yet: paste it below and press “Test connection”.</source>
        <translation>Todavía no hay token de acceso: péguelo abajo y presione “Probar conexión”.</translation>
    </message>
    <message>
        <source>Set by MP_ACCESS_TOKEN</source>
        <translation>Definido por MP_ACCESS_TOKEN</translation>
    </message>
    <message>
        <source>Where the token is kept: in this computer&apos;s keyring ({backend}), never in a file.</source>
        <translation>Dónde se guarda el token: en el llavero del sistema de esta computadora ({backend}), nunca en un archivo.</translation>
    </message>
    <message>
        <source>Paste the access token first.</source>
        <translation>Primero pegue el token de acceso.</translation>
    </message>
    <message>
        <source>Asking Mercado Pago whose token this is…</source>
        <translation>Preguntando a Mercado Pago de quién es este token…</translation>
    </message>
    <message>
        <source>✔ Mercado Pago accepted the token.</source>
        <translation>✔ Mercado Pago aceptó el token.</translation>
    </message>
    <message>
        <source>The account this computer uses:</source>
        <translation>La cuenta que usa esta computadora:</translation>
    </message>
    <message>
        <source>Yes — payments are simulated, no real money moves.</source>
        <translation>Sí: los pagos son simulados, no se mueve dinero real.</translation>
    </message>
    <message>
        <source>No — real payments, real money.</source>
        <translation>No: pagos reales, dinero real.</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ocultar</translation>
    </message>
    <message>
        <source>Wait for Mercado Pago to answer.</source>
        <translation>Espere la respuesta de Mercado Pago.</translation>
    </message>
    <message>
        <source>Press “Test connection” to check the new token before saving.</source>
        <translation>Presione “Probar conexión” para verificar el token nuevo antes de guardar.</translation>
    </message>
    <message>
        <source>Paste the access token and press “Test connection”.</source>
        <translation>Pegue el token de acceso y presione “Probar conexión”.</translation>
    </message>
    <message>
        <source>Press “Test connection” so Mercado Pago confirms the token.</source>
        <translation>Presione “Probar conexión” para que Mercado Pago confirme el token.</translation>
    </message>
    <message>
        <source>This computer cannot save the token: tick “Use the token without saving it” to go on.</source>
        <translation>Esta computadora no puede guardar el token: marque “Usar el token sin guardarlo” para continuar.</translation>
    </message>
    <message>
        <source>Not checked yet: press “Test connection” (or Enter).</source>
        <translation>Todavía sin verificar: presione “Probar conexión” (o Enter).</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>The counter app cannot start</source>
        <translation>La aplicación de caja no puede iniciar</translation>
    </message>
    <message>
        <source>Almacén Don Pepe (demo)</source>
        <translation>Almacén Don Pepe (demo)</translation>
    </message>
    <message>
        <source>Box 1</source>
        <translation>Caja 1</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>{folder} is not a folder: choose a folder for the backups. No backup was made; the sales are safe in the ledger.</source>
        <translation>{folder} no es una carpeta: elegí una carpeta para las copias de seguridad. No se hizo ninguna copia; las ventas están a salvo en el registro.</translation>
    </message>
    <message>
        <source>The backup folder {folder} is not there (a USB stick not plugged in?). No backup was made; the sales are safe in the ledger.</source>
        <translation>La carpeta de copias {folder} no está (¿un pendrive sin conectar?). No se hizo ninguna copia; las ventas están a salvo en el registro.</translation>
    </message>
    <message>
        <source>There is no sales ledger to back up yet ({detail}).</source>
        <translation>Todavía no hay un registro de ventas para copiar ({detail}).</translation>
    </message>
    <message>
        <source>The sales ledger is damaged ({detail}), so no backup was made (an older backup is worth more now). Run &apos;pos-app ledger recover&apos;.</source>
        <translation>El registro de ventas está dañado ({detail}), así que no se hizo ninguna copia (una copia anterior vale más ahora). Ejecute &apos;pos-app ledger recover&apos;.</translation>
    </message>
    <message>
        <source>No backup could be made in {folder} ({detail}). Is it full or read-only? The sales are safe in the ledger.</source>
        <translation>No se pudo hacer una copia de seguridad en {folder} ({detail}). ¿Está llena o es de solo lectura? Las ventas están a salvo en el registro.</translation>
    </message>
</context>
<context>
    <name>BackupsPage</name>
    <message>
        <source>Backups</source>
        <translation>Copias de seguridad</translation>
    </message>
    <message>
        <source>The app&apos;s own data folder</source>
        <translation>La carpeta de datos de la app</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Copiar ahora</translation>
    </message>
    <message>
        <source>Backup folder:</source>
        <translation>Carpeta de copias:</translation>
    </message>
    <message>
        <source>A USB stick or a synced folder (Dropbox, OneDrive...) keeps the sales safe when this computer&apos;s disk dies. Empty: the app&apos;s own data folder.</source>
        <translation>Un pendrive o una carpeta sincronizada (Dropbox, OneDrive...) guarda las ventas si el disco de esta computadora falla. Vacío: la carpeta de datos de la app.</translation>
    </message>
    <message>
        <source>Keep:</source>
        <translation>Guardar:</translation>
    </message>
    <message>
        <source>How many backups the folder keeps (the newest).</source>
        <translation>Cuántas copias guarda la carpeta (las más recientes).</translation>
    </message>
    <message>
        <source>Backups of the sales</source>
        <translation>Copias de seguridad de las ventas</translation>
    </message>
    <message>
        <source>A backup is made every day when the app starts (and when the date changes), and whenever you press Back up now. &apos;pos-app restore FILE&apos; puts one back.</source>
        <translation>Se hace una copia cada día al abrir la app (y cuando cambia la fecha), y cada vez que presiona Copiar ahora. &apos;pos-app restore ARCHIVO&apos; recupera una.</translation>
    </message>
    <message>
        <source>Last backup: {file}</source>
        <translation>Última copia: {file}</translation>
    </message>
    <message>
        <source>No backup in this folder yet.</source>
        <translation>Todavía no hay copias en esta carpeta.</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Carpeta de copias</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Copiando…</translation>
    </message>
    <message>
        <source>Backed up to {file} ({size} KiB).</source>
        <translation>Copia guardada en {file} ({size} KiB).</translation>
    </message>
</context>
<context>
    <name>CartModel</name>
    <message>
        <source>Item</source>
        <translation>Artículo</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Precio unitario</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Cant.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>{n} pack</source>
        <translation>{n} paq.</translation>
    </message>
    <message>
        <source>Discount {what}: {amount}</source>
        <translation>Descuento {what}: {amount}</translation>
    </message>
    <message>
        <source>SKU {sku}</source>
        <translation>SKU {sku}</translation>
    </message>
    <message>
        <source>Code {code}</source>
        <translation>Código {code}</translation>
    </message>
    <message>
        <source>IVA {rate} % included</source>
        <translation>IVA {rate} % incluido</translation>
    </message>
    <message>
        <source>Exempt from IVA</source>
        <translation>Exento de IVA</translation>
    </message>
    <message>
        <source>The cart cannot change while the customer is paying. Cancel first.</source>
        <translation>El carrito no puede cambiar mientras el cliente está pagando. Cancele primero.</translation>
    </message>
</context>
<context>
    <name>CartView</name>
    <message>
        <source>Cart</source>
        <translation>Carrito</translation>
    </message>
    <message>
        <source>Scan a product or type its name to start a sale.</source>
        <translation>Escanee un producto o escriba su nombre para empezar una venta.</translation>
    </message>
</context>
<context>
    <name>CashDrawerDialog</name>
    <message>
        <source>Cash drawer</source>
        <translation>Caja de efectivo</translation>
    </message>
    <message>
        <source>Cashier&apos;s name</source>
        <translation>Nombre del cajero</translation>
    </message>
    <message>
        <source>Open shift</source>
        <translation>Abrir turno</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Turno</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Cajero</translation>
    </message>
    <message>
        <source>Starting float</source>
        <translation>Fondo inicial</translation>
    </message>
    <message>
        <source>Why (change, a supplier paid, a withdrawal…)</source>
        <translation>Por qué (cambio, pago a un proveedor, un retiro…)</translation>
    </message>
    <message>
        <source>Why (change, a supplier…)</source>
        <translation>Por qué (cambio, un proveedor…)</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>Ingreso</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>Retiro</translation>
    </message>
    <message>
        <source>Cash in or out</source>
        <translation>Ingreso o retiro de efectivo</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Monto</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Movement</source>
        <translation>Movimiento</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Print shift report</source>
        <translation>Imprimir informe del turno</translation>
    </message>
    <message>
        <source>Print the day so far on the receipt printer (sales by shift, hand-overs); nothing is closed</source>
        <translation>Imprime el día hasta ahora en la impresora de comprobantes (ventas por turno, entregas de caja); no se cierra nada</translation>
    </message>
    <message>
        <source>Since the last close</source>
        <translation>Desde el último cierre</translation>
    </message>
    <message>
        <source>No shift open since the last close.</source>
        <translation>No hay turno abierto desde el último cierre.</translation>
    </message>
    <message>
        <source>{cashier} since {time}, starting float {amount}</source>
        <translation>{cashier} desde las {time}, fondo inicial {amount}</translation>
    </message>
    <message>
        <source>One shift at a time. To hand the drawer to the next cashier, count the cash in it and press Hand over; the day&apos;s close ends the last shift.</source>
        <translation>Un turno a la vez. Para entregar la caja al próximo cajero, cuente el efectivo y presione Entregar caja; el cierre del día termina el último turno.</translation>
    </message>
    <message>
        <source>Next cashier</source>
        <translation>Próximo cajero</translation>
    </message>
    <message>
        <source>Cash counted now</source>
        <translation>Efectivo contado ahora</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Entregar caja</translation>
    </message>
    <message>
        <source>Next cashier&apos;s name</source>
        <translation>Nombre del próximo cajero</translation>
    </message>
    <message>
        <source>Drawer handed to {cashier}, counted</source>
        <translation>Caja entregada a {cashier}, contada</translation>
    </message>
    <message>
        <source>Shift opened: {cashier}</source>
        <translation>Turno abierto: {cashier}</translation>
    </message>
    <message>
        <source>In: {reason}</source>
        <translation>Ingreso: {reason}</translation>
    </message>
    <message>
        <source>Out: {reason}</source>
        <translation>Retiro: {reason}</translation>
    </message>
    <message>
        <source>Expected in the drawer now: {amount}</source>
        <translation>Debería haber en la caja: {amount}</translation>
    </message>
    <message>
        <source>Type an amount greater than zero.</source>
        <translation>Escriba un monto mayor que cero.</translation>
    </message>
    <message>
        <source>Type the cashier&apos;s name.</source>
        <translation>Escriba el nombre del cajero.</translation>
    </message>
    <message>
        <source>{amount} missing</source>
        <translation>faltan {amount}</translation>
    </message>
    <message>
        <source>{amount} more than expected</source>
        <translation>{amount} más de lo esperado</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>exacto</translation>
    </message>
    <message>
        <source>{from_cashier} handed the drawer to {to_cashier}: expected {expected}, counted {counted} ({how}).</source>
        <translation>{from_cashier} entregó la caja a {to_cashier}: esperado {expected}, contado {counted} ({how}).</translation>
    </message>
    <message>
        <source>Say why the cash goes in or out.</source>
        <translation>Indique por qué entra o sale el efectivo.</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>{title} ({sku}) cannot be sold: its {column} in the catalog is &apos;{value}&apos;, which is not an amount (the catalog was edited by hand or damaged). Type its price again in Products, or restore a backup. The other products sell as usual.</source>
        <translation>{title} ({sku}) no se puede vender: su {column} en el catálogo es &apos;{value}&apos;, que no es un importe (el catálogo se editó a mano o está dañado). Escriba su precio de nuevo en Productos o restaure una copia de seguridad. Los demás productos se venden con normalidad.</translation>
    </message>
</context>
<context>
    <name>CatalogImport</name>
    <message>
        <source>the file is not UTF-8: read as Windows-1252 (cp1252), what spreadsheets on Windows save; check that accented names look right</source>
        <translation>el archivo no es UTF-8: se leyó como Windows-1252 (cp1252), lo que guardan las planillas en Windows; revise que los nombres con acentos se vean bien</translation>
    </message>
    <message>
        <source>the file is neither UTF-8 nor Windows-1252: read as Latin-1 (ISO-8859-1); check that accented names look right</source>
        <translation>el archivo no es UTF-8 ni Windows-1252: se leyó como Latin-1 (ISO-8859-1); revise que los nombres con acentos se vean bien</translation>
    </message>
    <message>
        <source>{file} is a spreadsheet, not a CSV file: open it and save it as “CSV (comma delimited)”, then import that file.</source>
        <translation>{file} es una planilla de cálculo, no un archivo CSV: ábrala y guárdela como “CSV (delimitado por comas)”, y luego importe ese archivo.</translation>
    </message>
    <message>
        <source>{file} is not a text file: a catalog is a CSV file with the columns sku, title and unit_price.</source>
        <translation>{file} no es un archivo de texto: un catálogo es un archivo CSV con las columnas sku, title y unit_price.</translation>
    </message>
    <message>
        <source>{fields} fields where the header has {columns}: a price or name holding the separator must be in double quotes (&quot;1,234.50&quot;)</source>
        <translation>{fields} campos donde el encabezado tiene {columns}: un precio o nombre que contiene el separador debe ir entre comillas dobles (&quot;1,234.50&quot;)</translation>
    </message>
    <message>
        <source>sku is empty</source>
        <translation>sku está vacío</translation>
    </message>
    <message>
        <source>title is empty (control and invisible characters do not count)</source>
        <translation>title está vacío (los caracteres de control e invisibles no cuentan)</translation>
    </message>
    <message>
        <source>unit_price {value}: {problem}</source>
        <translation>unit_price {value}: {problem}</translation>
    </message>
    <message>
        <source>unit_measure must be unit, pack, kg, g, l or m, not {value}</source>
        <translation>unit_measure debe ser unit, pack, kg, g, l o m, no {value}</translation>
    </message>
    <message>
        <source>iva_rate {value} must be 0, 5 or 19</source>
        <translation>iva_rate {value} debe ser 0, 5 o 19</translation>
    </message>
    <message>
        <source>{column} {value} is a long number as a spreadsheet shows it, not the code: format the column as text and type the codes again (the catalog exported as CSV for Excel keeps them)</source>
        <translation>{column} {value} es un número largo como lo muestra una planilla de cálculo, no el código: dé formato de texto a la columna y vuelva a escribir los códigos (el catálogo exportado como CSV para Excel los conserva)</translation>
    </message>
    <message>
        <source>{column}: {problem}</source>
        <translation>{column}: {problem}</translation>
    </message>
    <message>
        <source>missing column(s): {columns}</source>
        <translation>falta(n) la(s) columna(s): {columns}</translation>
    </message>
    <message>
        <source>not readable as CSV ({error})</source>
        <translation>no se puede leer como CSV ({error})</translation>
    </message>
    <message>
        <source>longer than {n} KiB</source>
        <translation>más largo que {n} KiB</translation>
    </message>
    <message>
        <source>{column} {value} repeats line {first} (line {first} kept)</source>
        <translation>{column} {value} repite la línea {first} (se conserva la línea {first})</translation>
    </message>
</context>
<context>
    <name>ChargingPage</name>
    <message>
        <source>Charging</source>
        <translation>Cobro</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>minutos</translation>
    </message>
    <message>
        <source>How long the customer has to pay. After that the order leaves the QR and the sale ends as expired.</source>
        <translation>Cuánto tiempo tiene el cliente para pagar. Después, la orden sale del QR y la venta termina como vencida.</translation>
    </message>
    <message>
        <source>Leave empty for the store&apos;s name</source>
        <translation>Deje vacío para usar el nombre de la sucursal</translation>
    </message>
    <message>
        <source>the store&apos;s name</source>
        <translation>el nombre de la sucursal</translation>
    </message>
    <message>
        <source>Beep when a sale is paid</source>
        <translation>Sonar cuando se paga una venta</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Órdenes</translation>
    </message>
    <message>
        <source>Order expires after:</source>
        <translation>Vencimiento de la orden:</translation>
    </message>
    <message>
        <source>Largest sale:</source>
        <translation>Venta máxima:</translation>
    </message>
    <message>
        <source>Name on the customer&apos;s phone:</source>
        <translation>Nombre en el teléfono del cliente:</translation>
    </message>
    <message>
        <source>Shown as the order&apos;s title when the customer scans.</source>
        <translation>Se muestra como título de la orden cuando el cliente escanea.</translation>
    </message>
    <message>
        <source>Instore orders (the box&apos;s printed QR)</source>
        <translation>Órdenes presenciales (el QR impreso de la caja)</translation>
    </message>
    <message>
        <source>Orders API (Mercado Pago&apos;s newer API)</source>
        <translation>API de Órdenes (la API más nueva de Mercado Pago)</translation>
    </message>
    <message>
        <source>The box&apos;s printed QR</source>
        <translation>El QR impreso de la caja</translation>
    </message>
    <message>
        <source>A QR on this screen for each sale</source>
        <translation>Un QR en esta pantalla para cada venta</translation>
    </message>
    <message>
        <source>Both: printed QR or the one on screen</source>
        <translation>Ambos: el QR impreso o el de la pantalla</translation>
    </message>
    <message>
        <source>A QR on screen is made for one sale only; the customer scans it there.</source>
        <translation>Un QR en pantalla sirve para una sola venta; el cliente lo escanea ahí.</translation>
    </message>
    <message>
        <source>Mercado Pago API</source>
        <translation>API de Mercado Pago</translation>
    </message>
    <message>
        <source>The customer pays with:</source>
        <translation>El cliente paga con:</translation>
    </message>
    <message>
        <source>Quickly at first, then less often (recommended)</source>
        <translation>A menudo al principio, luego con menos frecuencia (recomendado)</translation>
    </message>
    <message>
        <source>At a steady pace</source>
        <translation>A ritmo constante</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>segundos</translation>
    </message>
    <message>
        <source>Noticing the payment</source>
        <translation>Detección del pago</translation>
    </message>
    <message>
        <source>▸ Advanced: how often the app checks</source>
        <translation>▸ Avanzado: cada cuánto consulta la aplicación</translation>
    </message>
    <message>
        <source>check every</source>
        <translation>verificar cada</translation>
    </message>
    <message>
        <source>during the first</source>
        <translation>durante los primeros</translation>
    </message>
    <message>
        <source>The app asks Mercado Pago about the sale while the customer pays. Quick checks show “paid” sooner; fewer checks use less data.</source>
        <translation>La aplicación consulta la venta a Mercado Pago mientras el cliente paga. Consultas frecuentes muestran “pagado” antes; menos consultas usan menos datos.</translation>
    </message>
    <message>
        <source>Receive payment notifications from Mercado Pago</source>
        <translation>Recibir notificaciones de pago de Mercado Pago</translation>
    </message>
    <message>
        <source>Where this computer listens (HOST:PORT), for example 127.0.0.1:8088.</source>
        <translation>Dónde escucha esta computadora (HOST:PUERTO), por ejemplo 127.0.0.1:8088.</translation>
    </message>
    <message>
        <source>The https:// address on the internet that forwards to the address above (a tunnel or your router). Mercado Pago posts there.</source>
        <translation>La dirección https:// en internet que reenvía a la dirección de arriba (un túnel o su router). Mercado Pago envía las notificaciones ahí.</translation>
    </message>
    <message>
        <source>saved — type to replace</source>
        <translation>guardado: escriba para reemplazarlo</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>opcional</translation>
    </message>
    <message>
        <source>The webhook&apos;s secret signature (Your integrations → Webhooks). Kept in the keyring, like the token.</source>
        <translation>La firma secreta del webhook (Tus integraciones → Webhooks). Se guarda en el llavero del sistema, como el token.</translation>
    </message>
    <message>
        <source>Listen on:</source>
        <translation>Escuchar en:</translation>
    </message>
    <message>
        <source>Public address:</source>
        <translation>Dirección pública:</translation>
    </message>
    <message>
        <source>Webhook secret:</source>
        <translation>Secreto del webhook:</translation>
    </message>
    <message>
        <source>Instant notifications (optional, for experts)</source>
        <translation>Notificaciones instantáneas (opcional, para expertos)</translation>
    </message>
    <message>
        <source>Off by default: checking (above) is enough. With notifications Mercado Pago also tells the app at once, but only if it can reach this computer from the internet.</source>
        <translation>Desactivadas de forma predeterminada: la verificación (arriba) alcanza. Con notificaciones, Mercado Pago también avisa a la aplicación al instante, pero solo si puede llegar a esta computadora desde internet.</translation>
    </message>
    <message>
        <source>Leave empty for {amount}</source>
        <translation>Deje vacío para usar {amount}</translation>
    </message>
    <message>
        <source>Sales above this amount are refused before charging (a typo guard). In {currency}.</source>
        <translation>Las ventas por encima de este monto se rechazan antes de cobrar (evita errores de tipeo). En {currency}.</translation>
    </message>
    <message>
        <source>▾ Advanced: how often the app checks</source>
        <translation>▾ Avanzado: cada cuánto consulta la aplicación</translation>
    </message>
    <message>
        <source>A payment is noticed within about a second during the first {minutes} min, then within a few seconds.</source>
        <translation>Un pago se detecta en alrededor de un segundo durante los primeros {minutes} min y luego en pocos segundos.</translation>
    </message>
    <message>
        <source>A payment is noticed within about {seconds} seconds during the first {minutes} min, then within a few seconds.</source>
        <translation>Un pago se detecta en alrededor de {seconds} segundos durante los primeros {minutes} min y luego en pocos segundos.</translation>
    </message>
    <message>
        <source>A payment is noticed within about a second.</source>
        <translation>Un pago se detecta en alrededor de un segundo.</translation>
    </message>
    <message>
        <source>A payment is noticed within about {seconds} seconds.</source>
        <translation>Un pago se detecta en alrededor de {seconds} segundos.</translation>
    </message>
    <message>
        <source>Needed to receive notifications.</source>
        <translation>Necesario para recibir notificaciones.</translation>
    </message>
    <message>
        <source>Needed: Mercado Pago must know where to send them.</source>
        <translation>Necesario: Mercado Pago debe saber a dónde enviarlas.</translation>
    </message>
</context>
<context>
    <name>Checkout</name>
    <message>
        <source>waiting; connection trouble, still trying</source>
        <translation>esperando; problemas de conexión, se sigue intentando</translation>
    </message>
    <message>
        <source>waiting; last attempt rejected, the customer may retry</source>
        <translation>esperando; el último intento fue rechazado, el cliente puede reintentar</translation>
    </message>
    <message>
        <source>waiting; partially paid ({amount})</source>
        <translation>esperando; pagado en parte ({amount})</translation>
    </message>
    <message>
        <source>Box {box} is still waiting for the payment of sale {reference}. Finish or cancel that sale before charging a new one.</source>
        <translation>La caja {box} todavía espera el pago de la venta {reference}. Termine o cancele esa venta antes de cobrar una nueva.</translation>
    </message>
    <message>
        <source>This till has no Mercado Pago store and box yet. Open Settings (F9) or run &apos;pos-app configure&apos;.</source>
        <translation>Esta computadora todavía no tiene una sucursal y una caja de Mercado Pago. Abra Configuración (F9) o ejecute &apos;pos-app configure&apos;.</translation>
    </message>
    <message>
        <source>There is no sale with reference {reference}.</source>
        <translation>No hay ninguna venta con la referencia {reference}.</translation>
    </message>
    <message>
        <source>The sale&apos;s reference is empty: give the reference of a sale (pos-app sales lists them).</source>
        <translation>La referencia de la venta está vacía: indique la referencia de una venta (pos-app sales las lista).</translation>
    </message>
    <message>
        <source>There is no sale waiting for payment to cancel.</source>
        <translation>No hay ninguna venta esperando el pago para cancelar.</translation>
    </message>
    <message>
        <source>Could not remove the order from the box ({detail}). The customer could still pay it: the app keeps trying and will show the result.</source>
        <translation>No se pudo quitar la orden de la caja ({detail}). El cliente todavía podría pagarla: la aplicación sigue intentando y mostrará el resultado.</translation>
    </message>
    <message>
        <source>Mercado Pago rejected the payment and ended the order: it can no longer be paid. Charge again, or take cash.</source>
        <translation>Mercado Pago rechazó el pago y cerró la orden: ya no se puede pagar. Cobre de nuevo o reciba efectivo.</translation>
    </message>
    <message>
        <source>Sale {reference} could not be read and is set aside; new sales charge as usual. Run &apos;pos-app doctor&apos; or call support.</source>
        <translation>La venta {reference} no se pudo leer y quedó apartada; las ventas nuevas se cobran como siempre. Ejecute &apos;pos-app doctor&apos; o llame a soporte.</translation>
    </message>
</context>
<context>
    <name>CloseDayDialog</name>
    <message>
        <source>Close the day</source>
        <translation>Cerrar el día</translation>
    </message>
    <message>
        <source>Cash counted in the drawer</source>
        <translation>Efectivo contado en la caja</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artículo</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Monto</translation>
    </message>
    <message>
        <source>Report of the day</source>
        <translation>Informe del día</translation>
    </message>
    <message>
        <source>Check Mercado Pago&apos;s payments</source>
        <translation>Revisar los pagos de Mercado Pago</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Pago</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <source>Record the chosen payment as a sale</source>
        <translation>Registrar el pago elegido como venta</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Guardar como PDF…</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
    <message>
        <source>Print the report on the receipt printer</source>
        <translation>Imprimir el informe en la impresora de comprobantes</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Payments not in the books</source>
        <translation>Pagos que no están en los registros</translation>
    </message>
    <message>
        <source>Preview of close number {number}, since {start}. Count the drawer, check Mercado Pago&apos;s payments, then close: a closed day never changes.</source>
        <translation>Vista previa del cierre número {number}, desde {start}. Cuente el efectivo, revise los pagos de Mercado Pago y luego cierre: un día cerrado no cambia nunca.</translation>
    </message>
    <message>
        <source>Day closed: close number {number}.</source>
        <translation>Día cerrado: cierre número {number}.</translation>
    </message>
    <message>
        <source>Asking Mercado Pago…</source>
        <translation>Consultando a Mercado Pago…</translation>
    </message>
    <message>
        <source>{seen} payments at Mercado Pago today, {matched} in the books.</source>
        <translation>{seen} pagos en Mercado Pago hoy, {matched} en los registros.</translation>
    </message>
    <message>
        <source>1 Orders API sale confirmed by its order.</source>
        <translation>1 venta de la API de Órdenes confirmada por su orden.</translation>
    </message>
    <message>
        <source>{count} Orders API sales confirmed by their orders.</source>
        <translation>{count} ventas de la API de Órdenes confirmadas por sus órdenes.</translation>
    </message>
    <message>
        <source>Everything matches.</source>
        <translation>Todo coincide.</translation>
    </message>
    <message>
        <source>1 payment is not in the books:</source>
        <translation>1 pago no está en los registros:</translation>
    </message>
    <message>
        <source>{count} payments are not in the books:</source>
        <translation>{count} pagos no están en los registros:</translation>
    </message>
    <message>
        <source>Sale {ref} is paid here but Mercado Pago does not show it.</source>
        <translation>La venta {ref} figura pagada aquí, pero Mercado Pago no la muestra.</translation>
    </message>
    <message>
        <source>Sale {ref}: {ledger} here, {mp} at Mercado Pago.</source>
        <translation>Venta {ref}: {ledger} aquí, {mp} en Mercado Pago.</translation>
    </message>
    <message>
        <source>Close the day now? The report is frozen and the next sale starts a new day.</source>
        <translation>¿Cerrar el día ahora? El informe queda fijo y la próxima venta empieza un día nuevo.</translation>
    </message>
    <message>
        <source>Checking open sales with Mercado Pago, then closing…</source>
        <translation>Revisando las ventas abiertas con Mercado Pago y cerrando…</translation>
    </message>
    <message>
        <source>Closing the day: the window closes once the day is closed.</source>
        <translation>Cerrando el día: la ventana se cierra cuando el día quede cerrado.</translation>
    </message>
    <message>
        <source>Asking Mercado Pago: the window closes once it has answered.</source>
        <translation>Consultando a Mercado Pago: la ventana se cierra cuando responda.</translation>
    </message>
    <message>
        <source>The day is closed, but its backup could not be made: {reason}</source>
        <translation>El día quedó cerrado, pero no se pudo hacer su copia de seguridad: {reason}</translation>
    </message>
    <message>
        <source>Saving the PDF…</source>
        <translation>Guardando el PDF…</translation>
    </message>
    <message>
        <source>Saved as {path}.</source>
        <translation>Guardado como {path}.</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>No se pudo escribir {path}: {error}</translation>
    </message>
    <message>
        <source>Choose a receipt printer in Settings → Receipts</source>
        <translation>Elija una impresora de comprobantes en Configuración → Comprobantes</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Imprimiendo…</translation>
    </message>
    <message>
        <source>Report sent to the printer.</source>
        <translation>Informe enviado a la impresora.</translation>
    </message>
    <message>
        <source>The report did not print: {problem}</source>
        <translation>El informe no se imprimió: {problem}</translation>
    </message>
    <message>
        <source>Close number {number} — {date}</source>
        <translation>Cierre número {number} — {date}</translation>
    </message>
    <message>
        <source>close-{number}.pdf</source>
        <translation>cierre-{number}.pdf</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Guardar el informe</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The report prints on a receipt printer (ESC/POS); for a system printer, save it as PDF and print that.</source>
        <translation>El informe se imprime en una impresora de comprobantes (ESC/POS); para una impresora del sistema, guárdelo como PDF e imprima ese archivo.</translation>
    </message>
</context>
<context>
    <name>CloseReport</name>
    <message>
        <source>Sale {reference}, in cash: {note}</source>
        <translation>Venta {reference}, en efectivo: {note}</translation>
    </message>
    <message>
        <source>Sale {reference}: {note}</source>
        <translation>Venta {reference}: {note}</translation>
    </message>
    <message>
        <source>Sale {reference}, in cash</source>
        <translation>Venta {reference}, en efectivo</translation>
    </message>
    <message>
        <source>Sale {reference}</source>
        <translation>Venta {reference}</translation>
    </message>
    <message>
        <source>Hand-over {at}: {from_cashier} to {to_cashier}</source>
        <translation>Entrega de caja {at}: de {from_cashier} a {to_cashier}</translation>
    </message>
    <message>
        <source>Expected then</source>
        <translation>Esperado en ese momento</translation>
    </message>
    <message>
        <source>Counted then</source>
        <translation>Contado en ese momento</translation>
    </message>
    <message>
        <source>Shift report, not a close</source>
        <translation>Informe de turno, no es un cierre</translation>
    </message>
    <message>
        <source>Close number</source>
        <translation>Cierre número</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Ventas</translation>
    </message>
    <message>
        <source>Mercado Pago QR</source>
        <translation>QR de Mercado Pago</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <source>Refunds ({count})</source>
        <translation>Devoluciones ({count})</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Neto</translation>
    </message>
    <message>
        <source>IVA {rate}%</source>
        <translation>IVA {rate}%</translation>
    </message>
    <message>
        <source>Canceled sales</source>
        <translation>Ventas canceladas</translation>
    </message>
    <message>
        <source>Expired sales</source>
        <translation>Ventas vencidas</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Devoluciones</translation>
    </message>
    <message>
        <source>Sales by shift</source>
        <translation>Ventas por turno</translation>
    </message>
    <message>
        <source>{cashier}, {since}-{until}, sales: {count}</source>
        <translation>{cashier}, {since}-{until}, ventas: {count}</translation>
    </message>
    <message>
        <source>Cash drawer</source>
        <translation>Caja de efectivo</translation>
    </message>
    <message>
        <source>Shift: {cashier}</source>
        <translation>Turno: {cashier}</translation>
    </message>
    <message>
        <source>Shift: {cashier} (float not added)</source>
        <translation>Turno: {cashier} (fondo no sumado)</translation>
    </message>
    <message>
        <source>{count} shifts were opened in this period (an older version allowed it): only the first one&apos;s float is in the expected cash. A later float that was new cash shows as more than expected.</source>
        <translation>Se abrieron {count} turnos en este período (una versión anterior lo permitía): solo el fondo del primero está en el efectivo esperado. Un fondo posterior que fue efectivo nuevo aparece como más de lo esperado.</translation>
    </message>
    <message>
        <source>Starting float</source>
        <translation>Fondo inicial</translation>
    </message>
    <message>
        <source>Cash in: {reason}</source>
        <translation>Ingreso: {reason}</translation>
    </message>
    <message>
        <source>Cash out: {reason}</source>
        <translation>Retiro: {reason}</translation>
    </message>
    <message>
        <source>Expected cash</source>
        <translation>Efectivo esperado</translation>
    </message>
    <message>
        <source>Counted cash</source>
        <translation>Efectivo contado</translation>
    </message>
    <message>
        <source>Difference: missing from the drawer</source>
        <translation>Diferencia: falta en la caja</translation>
    </message>
    <message>
        <source>Difference: more than expected</source>
        <translation>Diferencia: hay más de lo esperado</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Diferencia</translation>
    </message>
    <message>
        <source>of which in {cashier}&apos;s shift</source>
        <translation>de la cual en el turno de {cashier}</translation>
    </message>
    <message>
        <source>Sales still open (they count when they end): {count}</source>
        <translation>Ventas todavía abiertas (se cuentan cuando terminen): {count}</translation>
    </message>
    <message>
        <source>Paid late, check for a double charge: {ref}</source>
        <translation>Pagada tarde, revise si se cobró dos veces: {ref}</translation>
    </message>
</context>
<context>
    <name>Config</name>
    <message>
        <source>not a file</source>
        <translation>no es un archivo</translation>
    </message>
    <message>
        <source>far too large for a settings file</source>
        <translation>demasiado grande para un archivo de configuración</translation>
    </message>
    <message>
        <source>cannot read it ({error})</source>
        <translation>no se puede leer ({error})</translation>
    </message>
    <message>
        <source>not a settings file</source>
        <translation>no es un archivo de configuración</translation>
    </message>
    <message>
        <source>written as UTF-16</source>
        <translation>escrito en UTF-16</translation>
    </message>
    <message>
        <source>not UTF-8 (read as Windows-1252)</source>
        <translation>no es UTF-8 (leído como Windows-1252)</translation>
    </message>
    <message>
        <source>not UTF-8 (read as Latin-1)</source>
        <translation>no es UTF-8 (leído como Latin-1)</translation>
    </message>
    <message>
        <source>cut short</source>
        <translation>cortado</translation>
    </message>
    <message>
        <source>not JSON</source>
        <translation>no es JSON</translation>
    </message>
    <message>
        <source>The settings file was written by a newer version of pos-app; a copy was put aside as {moved}. The settings this version understands were kept, the others are back to their defaults: please check them in Settings. To go back to the newer version, install it and put that copy back as {path}.</source>
        <translation>El archivo de configuración fue escrito por una versión más nueva de pos-app; se apartó una copia como {moved}. Se conservó la configuración que esta versión entiende; el resto volvió a sus valores predeterminados: revísela en Configuración, por favor. Para volver a la versión más nueva, instálela y vuelva a poner esa copia como {path}.</translation>
    </message>
    <message>
        <source>The settings file was damaged ({why}) and was put aside as {moved}. Default settings are in use: please check them.</source>
        <translation>El archivo de configuración estaba dañado ({why}) y se apartó como {moved}. Se usa la configuración predeterminada: revísela, por favor.</translation>
    </message>
    <message>
        <source>The settings file was damaged ({why}) and a copy was put aside as {moved}. The settings that could be read were kept, the others are back to their defaults: please check them in Settings.</source>
        <translation>El archivo de configuración estaba dañado ({why}) y se apartó una copia como {moved}. Se conservó la configuración que se pudo leer; el resto volvió a sus valores predeterminados: revísela en Configuración, por favor.</translation>
    </message>
</context>
<context>
    <name>Country</name>
    <message>
        <source>Argentina</source>
        <translation>Argentina</translation>
    </message>
    <message>
        <source>Brazil</source>
        <translation>Brasil</translation>
    </message>
    <message>
        <source>Mexico</source>
        <translation>México</translation>
    </message>
    <message>
        <source>Uruguay</source>
        <translation>Uruguay</translation>
    </message>
    <message>
        <source>Peru</source>
        <translation>Perú</translation>
    </message>
    <message>
        <source>Chile</source>
        <translation>Chile</translation>
    </message>
    <message>
        <source>Colombia</source>
        <translation>Colombia</translation>
    </message>
</context>
<context>
    <name>Credentials</name>
    <message>
        <source>The API address {url} has a user name or password in it. Remove them: the access token is sent on its own, never in the address.</source>
        <translation>La dirección de la API {url} contiene un usuario o una contraseña. Quítelos: el token de acceso se envía aparte, nunca en la dirección.</translation>
    </message>
    <message>
        <source>The API address {url} is not allowed: use https, or plain http only on this computer (127.0.0.1) for the sandbox.</source>
        <translation>La dirección de API {url} no está permitida: use https, o http simple solo en esta computadora (127.0.0.1) para el sandbox.</translation>
    </message>
</context>
<context>
    <name>CsvExport</name>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>CSV for Excel: semicolons, decimal comma (*.csv)</source>
        <translation>CSV para Excel: punto y coma, coma decimal (*.csv)</translation>
    </message>
</context>
<context>
    <name>CustomAmountBar</name>
    <message>
        <source>Custom amount</source>
        <translation>Monto libre</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Amount, e.g. {example}</source>
        <translation>Monto, p. ej. {example}</translation>
    </message>
    <message>
        <source>e.g. {example}</source>
        <translation>p. ej. {example}</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Monto</translation>
    </message>
    <message>
        <source>IVA rate</source>
        <translation>Tasa de IVA</translation>
    </message>
    <message>
        <source>IVA {rate} %</source>
        <translation>IVA {rate} %</translation>
    </message>
    <message>
        <source>Exempt from IVA</source>
        <translation>Exento de IVA</translation>
    </message>
    <message>
        <source>Add  (Enter)</source>
        <translation>Agregar  (Enter)</translation>
    </message>
    <message>
        <source>Close  (Esc)</source>
        <translation>Cerrar  (Esc)</translation>
    </message>
    <message>
        <source>Miscellaneous</source>
        <translation>Varios</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <source>Customer display</source>
        <translation>Pantalla del cliente</translation>
    </message>
    <message>
        <source>Welcome! Your purchase will appear here.</source>
        <translation>¡Bienvenido! Aquí verá su compra.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>A pagar</translation>
    </message>
    <message>
        <source>Paid — thank you!</source>
        <translation>Pagado — ¡gracias!</translation>
    </message>
    <message>
        <source>To pay in cash</source>
        <translation>A pagar en efectivo</translation>
    </message>
    <message>
        <source>Please pay at the counter in cash</source>
        <translation>Por favor, pague en efectivo en la caja</translation>
    </message>
    <message>
        <source>With Mercado Pago</source>
        <translation>Con Mercado Pago</translation>
    </message>
    <message>
        <source>In cash</source>
        <translation>En efectivo</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1 artículo</translation>
    </message>
    <message>
        <source>{n} items</source>
        <translation>{n} artículos</translation>
    </message>
    <message>
        <source>Discounts: −{amount}</source>
        <translation>Descuentos: −{amount}</translation>
    </message>
    <message>
        <source>IVA included: {amount}</source>
        <translation>IVA incluido: {amount}</translation>
    </message>
    <message>
        <source>One moment, please</source>
        <translation>Un momento, por favor</translation>
    </message>
    <message>
        <source>The payment was rejected, you can try again</source>
        <translation>El pago fue rechazado, puede intentarlo de nuevo</translation>
    </message>
    <message>
        <source>Scan this QR with Mercado Pago</source>
        <translation>Escanee este QR con Mercado Pago</translation>
    </message>
    <message>
        <source>Scan the QR at the counter with Mercado Pago</source>
        <translation>Escanee el QR de la caja con Mercado Pago</translation>
    </message>
    <message>
        <source>Valid for {time}</source>
        <translation>Válido por {time}</translation>
    </message>
</context>
<context>
    <name>CustomerPhoneWindow</name>
    <message>
        <source>Customer&apos;s phone (demo)</source>
        <translation>Teléfono del cliente (demo)</translation>
    </message>
    <message>
        <source>Mercado Pago</source>
        <translation>Mercado Pago</translation>
    </message>
    <message>
        <source>This window plays the customer who scanned the QR of box {box}.</source>
        <translation>Esta ventana hace de cliente que escaneó el QR de la caja {box}.</translation>
    </message>
    <message>
        <source>Pay (approved)</source>
        <translation>Pagar (aprobado)</translation>
    </message>
    <message>
        <source>Pay with a card that gets rejected</source>
        <translation>Pagar con una tarjeta que es rechazada</translation>
    </message>
    <message>
        <source>Do nothing</source>
        <translation>No hacer nada</translation>
    </message>
    <message>
        <source>Expire now</source>
        <translation>Vencer ahora</translation>
    </message>
    <message>
        <source>Another system charges at this box</source>
        <translation>Otro sistema cobra en esta caja</translation>
    </message>
    <message>
        <source>The demo server does not answer.</source>
        <translation>El servidor de la demo no responde.</translation>
    </message>
    <message>
        <source>This window plays the customer who read the QR on the cashier&apos;s screen.</source>
        <translation>Esta ventana hace de cliente que leyó el QR en la pantalla del cajero.</translation>
    </message>
    <message>
        <source>Paid — thank you!</source>
        <translation>¡Pagado, gracias!</translation>
    </message>
    <message>
        <source>The cashier&apos;s screen shows the payment.</source>
        <translation>La pantalla del cajero muestra el pago.</translation>
    </message>
    <message>
        <source>Nothing to pay yet</source>
        <translation>Todavía no hay nada para pagar</translation>
    </message>
    <message>
        <source>Waiting for the cashier to charge…</source>
        <translation>Esperando que el cajero cobre…</translation>
    </message>
    <message>
        <source>Total {amount}</source>
        <translation>Total {amount}</translation>
    </message>
    <message>
        <source>IVA included: {amount}</source>
        <translation>IVA incluido: {amount}</translation>
    </message>
    <message>
        <source>Mercado Pago says: {message}</source>
        <translation>Mercado Pago dice: {message}</translation>
    </message>
    <message>
        <source>✓ Payment approved</source>
        <translation>✓ Pago aprobado</translation>
    </message>
    <message>
        <source>✗ Card rejected — you can try again with another card</source>
        <translation>✗ Tarjeta rechazada: puede intentar de nuevo con otra tarjeta</translation>
    </message>
    <message>
        <source>The order expired.</source>
        <translation>La orden venció.</translation>
    </message>
    <message>
        <source>Another system was paid {amount} at this box.</source>
        <translation>Otro sistema cobró {amount} en esta caja.</translation>
    </message>
    <message>
        <source>You put the phone away. The order will expire on its own.</source>
        <translation>Guardó el teléfono. La orden vencerá sola.</translation>
    </message>
</context>
<context>
    <name>DailyBackup</name>
    <message>
        <source>No backup today</source>
        <translation>Sin copia de seguridad hoy</translation>
    </message>
</context>
<context>
    <name>DayBook</name>
    <message>
        <source>A shift is already open: {cashier} since {time}. Only one shift is open at a time; it ends with the day&apos;s close or when the drawer is handed over to the next cashier (Hand over). To put more cash in the drawer, use Cash in.</source>
        <translation>Ya hay un turno abierto: {cashier} desde las {time}. Solo hay un turno abierto a la vez; termina con el cierre del día o cuando se entrega la caja al próximo cajero (Entregar caja). Para poner más efectivo en la caja, use Ingreso.</translation>
    </message>
    <message>
        <source>No shift is open since the last close: there is no drawer to hand over. Open a shift with the drawer&apos;s starting float instead.</source>
        <translation>No hay ningún turno abierto desde el último cierre: no hay caja para entregar. Abra un turno con el fondo inicial de la caja.</translation>
    </message>
    <message>
        <source>That time belongs to a day that is already closed: a closed day never changes. Check the computer&apos;s clock.</source>
        <translation>Ese momento pertenece a un día ya cerrado: un día cerrado no cambia nunca. Revise el reloj de la computadora.</translation>
    </message>
</context>
<context>
    <name>DiscardGuard</name>
    <message>
        <source>Discard changes</source>
        <translation>Descartar los cambios</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Seguir editando</translation>
    </message>
</context>
<context>
    <name>DiscountDialog</name>
    <message>
        <source>Line discount</source>
        <translation>Descuento en la línea</translation>
    </message>
    <message>
        <source>Sale discount</source>
        <translation>Descuento en la venta</translation>
    </message>
    <message>
        <source>{what}: {amount}</source>
        <translation>{what}: {amount}</translation>
    </message>
    <message>
        <source>Percentage (%)</source>
        <translation>Porcentaje (%)</translation>
    </message>
    <message>
        <source>Amount off ({symbol})</source>
        <translation>Monto a descontar ({symbol})</translation>
    </message>
    <message>
        <source>New unit price</source>
        <translation>Nuevo precio unitario</translation>
    </message>
    <message>
        <source>Supervisor PIN</source>
        <translation>PIN del supervisor</translation>
    </message>
    <message>
        <source>Kind (↑ ↓)</source>
        <translation>Tipo (↑ ↓)</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>↑ ↓ kind · Enter apply · empty value removes the discount · Esc cancel</source>
        <translation>↑ ↓ tipo · Enter aplicar · valor vacío quita el descuento · Esc cancelar</translation>
    </message>
    <message>
        <source>e.g. 10</source>
        <translation>p. ej. 10</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>monto</translation>
    </message>
    <message>
        <source>Discount {off} → {total}</source>
        <translation>Descuento {off} → {total}</translation>
    </message>
    <message>
        <source>Say why the price changes (damaged, expires today…).</source>
        <translation>Indique por qué cambia el precio (dañado, vence hoy…).</translation>
    </message>
    <message>
        <source>Discounts above {limit} % need the supervisor&apos;s PIN, and none is set on this till.</source>
        <translation>Los descuentos de más de {limit} % necesitan el PIN del supervisor, y esta caja no tiene uno configurado.</translation>
    </message>
    <message>
        <source>Above {limit} %: the supervisor types the PIN.</source>
        <translation>Más de {limit} %: el supervisor escribe el PIN.</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>PIN incorrecto.</translation>
    </message>
</context>
<context>
    <name>DiscountSettings</name>
    <message>
        <source>Discounts and scales</source>
        <translation>Descuentos y balanzas</translation>
    </message>
    <message>
        <source>saved — type to replace</source>
        <translation>guardado: escriba para reemplazarlo</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>No PIN (discounts above the limit are refused)</source>
        <translation>Sin PIN (se rechazan los descuentos por encima del límite)</translation>
    </message>
    <message>
        <source>4 to 8 digits. Kept as a hash: nobody can read it back.</source>
        <translation>De 4 a 8 dígitos. Se guarda como hash: nadie puede volver a leerlo.</translation>
    </message>
    <message>
        <source>Larger discounts need the supervisor&apos;s PIN. With 0, every discount needs it.</source>
        <translation>Los descuentos mayores necesitan el PIN del supervisor. Con 0, todos lo necesitan.</translation>
    </message>
    <message>
        <source>Leave empty for the country&apos;s usual layout</source>
        <translation>Deje vacío para usar el formato habitual del país</translation>
    </message>
    <message>
        <source>usual layout</source>
        <translation>diseño habitual</translation>
    </message>
    <message>
        <source>Presets: {names}; or PREFIX-CODE-weight|price-DIGITS-DECIMALS.</source>
        <translation>Predefinidos: {names}; o PREFIJO-CÓDIGO-weight|price-DÍGITOS-DECIMALES.</translation>
    </message>
    <message>
        <source>Discount without PIN up to:</source>
        <translation>Descuento sin PIN hasta:</translation>
    </message>
    <message>
        <source>Supervisor PIN:</source>
        <translation>PIN del supervisor:</translation>
    </message>
    <message>
        <source>Scale labels:</source>
        <translation>Etiquetas de balanza:</translation>
    </message>
    <message>
        <source>A whole percentage from 0 to 100.</source>
        <translation>Un porcentaje entero de 0 a 100.</translation>
    </message>
    <message>
        <source>A PIN is 4 to 8 digits.</source>
        <translation>Un PIN tiene de 4 a 8 dígitos.</translation>
    </message>
    <message>
        <source>Not a scale label layout: use a preset or a layout like 20-5-weight-5-3.</source>
        <translation>No es un formato de etiqueta de balanza: use uno predefinido o uno como 20-5-weight-5-3.</translation>
    </message>
</context>
<context>
    <name>DisplayController</name>
    <message>
        <source>Customer display</source>
        <translation>Pantalla del cliente</translation>
    </message>
</context>
<context>
    <name>DisplayPage</name>
    <message>
        <source>Display</source>
        <translation>Pantalla</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Apagada</translation>
    </message>
    <message>
        <source>In a window</source>
        <translation>En una ventana</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Pantalla completa</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>Sin logo</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Buscar…</translation>
    </message>
    <message>
        <source>Shown with the shop&apos;s name while no sale is on the screen.</source>
        <translation>Se muestra con el nombre del negocio mientras no hay una venta en pantalla.</translation>
    </message>
    <message>
        <source>Show it:</source>
        <translation>Mostrarla:</translation>
    </message>
    <message>
        <source>Full screen needs a screen of its own; on the counter&apos;s only screen it opens as a window.</source>
        <translation>La pantalla completa necesita una pantalla propia; si la caja tiene una sola pantalla, se abre en una ventana.</translation>
    </message>
    <message>
        <source>On screen:</source>
        <translation>En la pantalla:</translation>
    </message>
    <message>
        <source>Screens connected or disconnected later are followed at once.</source>
        <translation>Si luego se conecta o desconecta una pantalla, se sigue al instante.</translation>
    </message>
    <message>
        <source>Shop logo:</source>
        <translation>Logo del negocio:</translation>
    </message>
    <message>
        <source>The screen your customers see</source>
        <translation>La pantalla que ven sus clientes</translation>
    </message>
    <message>
        <source>It shows the items as they are scanned, the total, where to scan and “paid”, in the app&apos;s language. This computer remembers the choice.</source>
        <translation>Muestra los artículos a medida que se escanean, el total, dónde escanear y «pagado», en el idioma de la app. Esta computadora recuerda la elección.</translation>
    </message>
    <message>
        <source>Any screen but the counter&apos;s</source>
        <translation>Cualquier pantalla menos la de la caja</translation>
    </message>
    <message>
        <source>Screen {n}</source>
        <translation>Pantalla {n}</translation>
    </message>
    <message>
        <source>{name} (not connected)</source>
        <translation>{name} (no conectada)</translation>
    </message>
    <message>
        <source>Choose the shop&apos;s logo</source>
        <translation>Elija el logo del negocio</translation>
    </message>
    <message>
        <source>Pictures ({patterns})</source>
        <translation>Imágenes ({patterns})</translation>
    </message>
    <message>
        <source>There is no file there any more.</source>
        <translation>Ese archivo ya no está ahí.</translation>
    </message>
    <message>
        <source>This file is not a picture the app can show.</source>
        <translation>Este archivo no es una imagen que la app pueda mostrar.</translation>
    </message>
    <message>
        <source>Checking the logo&apos;s picture…</source>
        <translation>Revisando la imagen del logo…</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong inside the app. Nothing was charged twice; the details were written to the log. You can keep working.</source>
        <translation>Algo salió mal dentro de la aplicación. No se cobró nada dos veces; los detalles quedaron en el registro. Puede seguir trabajando.</translation>
    </message>
    <message>
        <source>Could not do that</source>
        <translation>No se pudo hacer eso</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>it is a folder, not a file: give a file name</source>
        <translation>es una carpeta, no un archivo: indicá un nombre de archivo</translation>
    </message>
    <message>
        <source>it is a device or a pipe, not a file: give a file name</source>
        <translation>es un dispositivo o una tubería, no un archivo: indicá un nombre de archivo</translation>
    </message>
    <message>
        <source>a link that leads to itself</source>
        <translation>un enlace que lleva a sí mismo</translation>
    </message>
    <message>
        <source>the folder {folder} is not there</source>
        <translation>la carpeta {folder} no existe</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <source>Import products from {file}</source>
        <translation>Importar productos desde {file}</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>Leyendo {file}…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <source>Products in the file</source>
        <translation>Productos del archivo</translation>
    </message>
    <message>
        <source>Lines that cannot be imported</source>
        <translation>Líneas que no se pueden importar</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Nothing is changed until you press Import. Products whose SKU is already in the catalog get what the file&apos;s columns say; a column the file does not have (barcode, category, unit) keeps its value. Past sales keep their prices.</source>
        <translation>No se cambia nada hasta que presione Importar. Los productos cuyo SKU ya está en el catálogo toman lo que dicen las columnas del archivo; una columna que el archivo no tiene (código de barras, categoría, unidad) conserva su valor. Las ventas anteriores conservan sus precios.</translation>
    </message>
    <message>
        <source>This file cannot be imported: its first line must name the columns, and {missing} is missing. Needed: sku, title, unit_price; optional: barcode, category, unit_measure (unit or pack), iva_rate (0, 5 or 19).</source>
        <translation>Este archivo no se puede importar: su primera línea debe nombrar las columnas, y falta {missing}. Necesarias: sku, title, unit_price; opcionales: barcode, category, unit_measure (unit o pack), iva_rate (0, 5 o 19).</translation>
    </message>
    <message>
        <source>The file&apos;s first line: {header}</source>
        <translation>La primera línea del archivo: {header}</translation>
    </message>
    <message>
        <source>Lines ready to import: {good} of {lines}. New products: {new}. Already in the catalog, to be updated: {replaced}.</source>
        <translation>Líneas listas para importar: {good} de {lines}. Productos nuevos: {new}. Ya en el catálogo, se actualizarán: {replaced}.</translation>
    </message>
    <message>
        <source>… and {n} more (all of them are imported).</source>
        <translation>… y {n} más (se importan todos).</translation>
    </message>
    <message>
        <source>1 line has a problem and will be left out (fix it in the file and import it again; the good lines can be imported now):</source>
        <translation>1 línea tiene un problema y quedará afuera (corríjala en el archivo e impórtelo de nuevo; las líneas correctas se pueden importar ahora):</translation>
    </message>
    <message>
        <source>{n} lines have problems and will be left out (fix them in the file and import it again; the good lines can be imported now):</source>
        <translation>{n} líneas tienen problemas y quedarán afuera (corríjalas en el archivo e impórtelo de nuevo; las líneas correctas se pueden importar ahora):</translation>
    </message>
    <message>
        <source>Line {line}: {problem}</source>
        <translation>Línea {line}: {problem}</translation>
    </message>
    <message>
        <source>Import 1 product</source>
        <translation>Importar 1 producto</translation>
    </message>
    <message>
        <source>Import {n} products</source>
        <translation>Importar {n} productos</translation>
    </message>
    <message>
        <source>Importing 1 product…</source>
        <translation>Importando 1 producto…</translation>
    </message>
    <message>
        <source>Importing {n} products…</source>
        <translation>Importando {n} productos…</translation>
    </message>
    <message>
        <source>Wait: the products are being imported. This window closes by itself once they are.</source>
        <translation>Espere: se están importando los productos. Esta ventana se cierra sola cuando terminen.</translation>
    </message>
    <message>
        <source>the file changed after it was read: choose it again to see what it holds now</source>
        <translation>el archivo cambió después de leerse: elíjalo de nuevo para ver lo que tiene ahora</translation>
    </message>
    <message>
        <source>The import stopped after {n} products ({error}). Importing the file again is safe: products already saved are only updated.</source>
        <translation>La importación se detuvo después de {n} productos ({error}). Importar el archivo de nuevo es seguro: los productos ya guardados solo se actualizan.</translation>
    </message>
    <message>
        <source>it is not UTF-8 text (save it as “CSV UTF-8” and try again)</source>
        <translation>no es texto UTF-8 (guárdelo como “CSV UTF-8” e intente de nuevo)</translation>
    </message>
    <message>
        <source>The file could not be read: {error}</source>
        <translation>No se pudo leer el archivo: {error}</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>System (as the computer is set)</source>
        <translation>Sistema (según la configuración de la computadora)</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <source>Changes apply after restarting the app.</source>
        <translation>Los cambios se aplican al reiniciar la aplicación.</translation>
    </message>
    <message>
        <source>Language and appearance</source>
        <translation>Idioma y apariencia</translation>
    </message>
    <message>
        <source>Close and open the app again to see it in the new language.</source>
        <translation>Cierre y vuelva a abrir la aplicación para verla en el idioma nuevo.</translation>
    </message>
</context>
<context>
    <name>LatePaymentBar</name>
    <message>
        <source>Understood</source>
        <translation>Entendido</translation>
    </message>
    <message>
        <source>Give the cash back…</source>
        <translation>Devolver el efectivo…</translation>
    </message>
    <message>
        <source>The customer paid sale {reference} ({amount}) with Mercado Pago after its cash had been given back: the sale is paid, do not charge again. There is no cash to give back.</source>
        <translation>El cliente pagó la venta {reference} ({amount}) con Mercado Pago después de que se le devolvió el efectivo: la venta está pagada, no cobre de nuevo. No hay efectivo que devolver.</translation>
    </message>
    <message>
        <source>Sale {reference} was paid twice: {amount} arrived with Mercado Pago after you took cash, and {left} of that cash was not given back yet. Give it back with a refund, so the drawer adds up.</source>
        <translation>La venta {reference} se pagó dos veces: llegaron {amount} por Mercado Pago después de que recibió efectivo, y todavía no se devolvieron {left} de ese efectivo. Devuélvalos con una devolución, así la caja cuadra.</translation>
    </message>
    <message>
        <source>Sale {reference} was paid twice: {amount} arrived with Mercado Pago after you took cash. Give the cash back with a refund, so the drawer adds up.</source>
        <translation>La venta {reference} se pagó dos veces: llegaron {amount} por Mercado Pago después de que recibió efectivo. Devuelva el efectivo con una devolución, así la caja cuadra.</translation>
    </message>
    <message>
        <source>The customer DID pay sale {reference} ({amount}) after it was closed here — do not charge again. If you also took cash, give it back.</source>
        <translation>El cliente SÍ pagó la venta {reference} ({amount}) después de que se cerró aquí: no cobre de nuevo. Si también recibió efectivo, devuélvalo.</translation>
    </message>
</context>
<context>
    <name>Ledger</name>
    <message>
        <source>pos-app is already running with this data folder ({folder}). Only one cashier program may use a box at a time: switch to the open window, or close it first.</source>
        <translation>pos-app ya está abierta con esta carpeta de datos ({folder}). Solo un programa de caja puede usar una caja a la vez: cambie a la ventana abierta, o ciérrela primero.</translation>
    </message>
    <message>
        <source>This system offers no file lock (neither flock nor msvcrt), so pos-app cannot make sure it is the only cashier program on {folder}.</source>
        <translation>Este sistema no ofrece bloqueo de archivos (ni flock ni msvcrt), así que pos-app no puede asegurarse de ser el único programa de caja en {folder}.</translation>
    </message>
    <message>
        <source>The sales ledger {path} is damaged: part of it can no longer be read ({detail}). Nothing was changed in it. To sell again, start a fresh ledger (the damaged one is kept aside under a dated name) or restore a backup copy: run &apos;pos-app ledger recover&apos;, or start the app and choose.</source>
        <translation>El registro de ventas {path} está dañado: una parte ya no se puede leer ({detail}). No se modificó nada en él. Para volver a vender, empiece un registro nuevo (el dañado se guarda aparte con la fecha en el nombre) o restaure una copia de respaldo: ejecute &apos;pos-app ledger recover&apos;, o abra la aplicación y elija.</translation>
    </message>
    <message>
        <source>The sales ledger {path} was written by a newer version of pos-app (ledger version {found}; this version knows up to {known}). It was not opened and nothing in it was changed. Install the newer version again to keep selling with it.</source>
        <translation>El registro de ventas {path} fue escrito por una versión más nueva de pos-app (versión del registro {found}; esta versión conoce hasta la {known}). No se abrió y no se modificó nada en él. Vuelva a instalar la versión más nueva para seguir vendiendo con él.</translation>
    </message>
    <message>
        <source>The sales ledger cannot be written ({detail}). Nothing was sent to Mercado Pago. Check the free disk space and the data folder&apos;s permissions.</source>
        <translation>No se puede escribir el registro de ventas ({detail}). No se envió nada a Mercado Pago. Revise el espacio libre en disco y los permisos de la carpeta de datos.</translation>
    </message>
    <message>
        <source>The sales ledger {path} is not damaged: nothing to recover, nothing changed.</source>
        <translation>El registro de ventas {path} no está dañado: no hay nada que recuperar; no se cambió nada.</translation>
    </message>
    <message>
        <source>{file} cannot be restored: {why}. Nothing was changed.</source>
        <translation>No se puede restaurar {file}: {why}. No se cambió nada.</translation>
    </message>
</context>
<context>
    <name>LedgerAmounts</name>
    <message>
        <source>The ledger holds an amount that cannot be right: {record}, {what} (column {column}) is &apos;{value}&apos;. The ledger was edited by hand, damaged, or comes from an old version. Nothing was changed. &apos;pos-app doctor&apos; lists every such amount; restore a backup from before it (&apos;pos-app ledger recover --restore BACKUP&apos;) or call support.</source>
        <translation>El registro de ventas tiene un importe que no puede ser correcto: {record}, {what} (columna {column}) es &apos;{value}&apos;. El registro se editó a mano, está dañado o viene de una versión antigua. No se modificó nada. &apos;pos-app doctor&apos; lista todos esos importes; restaure una copia de respaldo anterior (&apos;pos-app ledger recover --restore BACKUP&apos;) o llame a soporte.</translation>
    </message>
    <message>
        <source>the total</source>
        <translation>el total</translation>
    </message>
    <message>
        <source>the IVA included</source>
        <translation>el IVA incluido</translation>
    </message>
    <message>
        <source>the amount paid</source>
        <translation>el importe pagado</translation>
    </message>
    <message>
        <source>the amount paid so far</source>
        <translation>el importe pagado hasta ahora</translation>
    </message>
    <message>
        <source>the sale&apos;s discount</source>
        <translation>el descuento de la venta</translation>
    </message>
    <message>
        <source>a line&apos;s unit price</source>
        <translation>el precio unitario de una línea</translation>
    </message>
    <message>
        <source>an IVA rate</source>
        <translation>una tasa de IVA</translation>
    </message>
    <message>
        <source>a line&apos;s weight or measure</source>
        <translation>el peso o la medida de una línea</translation>
    </message>
    <message>
        <source>a line&apos;s discount</source>
        <translation>el descuento de una línea</translation>
    </message>
    <message>
        <source>a line&apos;s amount</source>
        <translation>el importe de una línea</translation>
    </message>
    <message>
        <source>the amount</source>
        <translation>el importe</translation>
    </message>
    <message>
        <source>a refund&apos;s amount</source>
        <translation>el importe de una devolución</translation>
    </message>
    <message>
        <source>the starting float</source>
        <translation>el fondo inicial</translation>
    </message>
    <message>
        <source>sale {reference}</source>
        <translation>venta {reference}</translation>
    </message>
    <message>
        <source>refund {number}</source>
        <translation>devolución {number}</translation>
    </message>
    <message>
        <source>cash movement {number}</source>
        <translation>movimiento de efectivo {number}</translation>
    </message>
    <message>
        <source>shift {number}</source>
        <translation>turno {number}</translation>
    </message>
    <message>
        <source>product {sku}</source>
        <translation>producto {sku}</translation>
    </message>
</context>
<context>
    <name>LedgerRecovery</name>
    <message>
        <source>Choose a backup of the sales ledger</source>
        <translation>Elija una copia de respaldo del registro de ventas</translation>
    </message>
    <message>
        <source>The sales ledger is damaged</source>
        <translation>El registro de ventas está dañado</translation>
    </message>
    <message>
        <source>The sales ledger {path} is damaged: part of it can no longer be read ({detail}). Nothing was changed in it. Choose how to sell again; the damaged file is kept aside under a dated name either way.</source>
        <translation>El registro de ventas {path} está dañado: una parte ya no se puede leer ({detail}). No se modificó nada en él. Elija cómo volver a vender; en cualquier caso, el archivo dañado se guarda aparte con la fecha en el nombre.</translation>
    </message>
    <message>
        <source>A fresh ledger starts the sales history again; a backup brings back the sales it holds. Sales that were waiting for payment are listed afterwards: check them in Mercado Pago before charging them again.</source>
        <translation>Un registro nuevo empieza de cero el historial de ventas; una copia de respaldo recupera las ventas que contiene. Después se listan las ventas que esperaban el pago: revíselas en Mercado Pago antes de volver a cobrarlas.</translation>
    </message>
    <message>
        <source>Start a fresh ledger</source>
        <translation>Empezar un registro nuevo</translation>
    </message>
    <message>
        <source>Restore a backup…</source>
        <translation>Restaurar una copia…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>The sales ledger was restored from {backup}.</source>
        <translation>El registro de ventas se restauró desde {backup}.</translation>
    </message>
    <message>
        <source>A fresh sales ledger was started.</source>
        <translation>Se empezó un registro de ventas nuevo.</translation>
    </message>
    <message>
        <source>The damaged one is kept as {file}.</source>
        <translation>El dañado se guarda como {file}.</translation>
    </message>
    <message>
        <source>These sales were waiting for payment: check them in Mercado Pago before charging them again: {references}</source>
        <translation>Estas ventas esperaban el pago: revíselas en Mercado Pago antes de volver a cobrarlas: {references}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Counter — Mercado Pago QR</source>
        <translation>Caja — QR de Mercado Pago</translation>
    </message>
    <message>
        <source>Custom amount  (F2)</source>
        <translation>Monto libre  (F2)</translation>
    </message>
    <message>
        <source>Charge with QR</source>
        <translation>Cobrar con QR</translation>
    </message>
    <message>
        <source>Custom amount</source>
        <translation>Monto libre</translation>
    </message>
    <message>
        <source>Sales  (F3)</source>
        <translation>Ventas  (F3)</translation>
    </message>
    <message>
        <source>Sales history</source>
        <translation>Historial de ventas</translation>
    </message>
    <message>
        <source>Cancel charge</source>
        <translation>Cancelar cobro</translation>
    </message>
    <message>
        <source>New sale</source>
        <translation>Nueva venta</translation>
    </message>
    <message>
        <source>Line discount</source>
        <translation>Descuento en la línea</translation>
    </message>
    <message>
        <source>Sale discount</source>
        <translation>Descuento en la venta</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Configuración…</translation>
    </message>
    <message>
        <source>Add a product…</source>
        <translation>Agregar un producto…</translation>
    </message>
    <message>
        <source>Products…</source>
        <translation>Productos…</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Herramientas</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>&amp;Día</translation>
    </message>
    <message>
        <source>Cash drawer…</source>
        <translation>Caja de efectivo…</translation>
    </message>
    <message>
        <source>Close the day…</source>
        <translation>Cerrar el día…</translation>
    </message>
    <message>
        <source>Store and chain…</source>
        <translation>Sucursal y cadena…</translation>
    </message>
    <message>
        <source>Still connecting: this works in a moment, once the status bar says so.</source>
        <translation>Todavía conectando: esto funciona en un momento, cuando la barra de estado lo indique.</translation>
    </message>
    <message>
        <source>Whole sale</source>
        <translation>Toda la venta</translation>
    </message>
    <message>
        <source>The discount on {title} is now above {limit} % (the line changed): apply it again with F7.</source>
        <translation>El descuento de {title} ahora supera el {limit} % (la línea cambió): aplíquelo de nuevo con F7.</translation>
    </message>
    <message>
        <source>The sale&apos;s discount is now above {limit} % (the cart changed): apply it again with F8.</source>
        <translation>El descuento de la venta ahora supera el {limit} % (el carrito cambió): aplíquelo de nuevo con F8.</translation>
    </message>
    <message>
        <source>Added {title} — {qty} × {price}</source>
        <translation>Se agregó {title}: {qty} × {price}</translation>
    </message>
    <message>
        <source>No product matches “{text}”. Check the code, or use a custom amount (F2).</source>
        <translation>Ningún producto coincide con “{text}”. Revise el código o use un monto libre (F2).</translation>
    </message>
    <message>
        <source>Add this product…  (Ctrl+N)</source>
        <translation>Agregar este producto…  (Ctrl+N)</translation>
    </message>
    <message>
        <source>No products yet: add them or import your list in Tools → Products (F6).</source>
        <translation>Todavía no hay productos: agréguelos o importe su lista en Herramientas → Productos (F6).</translation>
    </message>
    <message>
        <source>Open Products</source>
        <translation>Abrir Productos</translation>
    </message>
    <message>
        <source>The cart is empty: scan or add an item first.</source>
        <translation>El carrito está vacío: primero escanee o agregue un artículo.</translation>
    </message>
    <message>
        <source>The receipt did not print: {problem} Print it again from Today&apos;s sales (F3).</source>
        <translation>El comprobante no se imprimió: {problem} Imprímalo de nuevo desde Ventas de hoy (F3).</translation>
    </message>
    <message>
        <source>This account is from another country: close and open the app again so prices use its currency.</source>
        <translation>Esta cuenta es de otro país: cierre y vuelva a abrir la aplicación para que los precios usen su moneda.</translation>
    </message>
    <message>
        <source>Saving a file: the window closes once it is written.</source>
        <translation>Guardando un archivo: la ventana se cierra en cuanto quede escrito.</translation>
    </message>
</context>
<context>
    <name>MercadoPago</name>
    <message>
        <source>Mercado Pago refused access: this access token may not act for this account (is the store or box from another account?).</source>
        <translation>Mercado Pago rechazó el acceso: este token de acceso no puede operar en esta cuenta (¿la sucursal o la caja son de otra cuenta?).</translation>
    </message>
    <message>
        <source>Mercado Pago did not accept the access token: it is wrong or was revoked. Paste the access token (APP_USR-...) again in Settings, not the public key.</source>
        <translation>Mercado Pago no aceptó el token de acceso: está mal o fue revocado. Pegue de nuevo el token de acceso (APP_USR-...) en Configuración, no la clave pública.</translation>
    </message>
    <message>
        <source>There is no access token on this computer: the keyring holds none or could not be read (locked, or out of reach from this session), and MP_ACCESS_TOKEN is not set. Nothing was sent to Mercado Pago. Save the token in Settings, or run &apos;pos-app doctor&apos; to see why.</source>
        <translation>No hay un token de acceso en esta computadora: el llavero no tiene ninguno o no se pudo leer (está bloqueado o fuera del alcance de esta sesión) y MP_ACCESS_TOKEN no está definida. No se envió nada a Mercado Pago. Guarde el token en Configuración o ejecute &apos;pos-app doctor&apos; para ver por qué.</translation>
    </message>
    <message>
        <source>Mercado Pago does not know this computer&apos;s box (was it deleted, or is it from another account?). Choose or create the box in Settings → Store and box ({key}).</source>
        <translation>Mercado Pago no conoce la caja de esta computadora (¿se eliminó, o es de otra cuenta?). Elija o cree la caja en Configuración → Sucursal y caja ({key}).</translation>
    </message>
    <message>
        <source>Mercado Pago refused the request: {detail} ({key}).</source>
        <translation>Mercado Pago rechazó la solicitud: {detail} ({key}).</translation>
    </message>
    <message>
        <source>Mercado Pago does not know this resource: {detail}.</source>
        <translation>Mercado Pago no conoce este recurso: {detail}.</translation>
    </message>
    <message>
        <source>Mercado Pago is busy (too many requests).</source>
        <translation>Mercado Pago está ocupado (demasiadas solicitudes).</translation>
    </message>
    <message>
        <source>Mercado Pago had a problem on its side (error {status}).</source>
        <translation>Mercado Pago tuvo un problema de su lado (error {status}).</translation>
    </message>
    <message>
        <source>Mercado Pago did not answer in time.</source>
        <translation>Mercado Pago no respondió a tiempo.</translation>
    </message>
    <message>
        <source>Cannot reach Mercado Pago ({detail}). Check the internet connection.</source>
        <translation>No se puede conectar con Mercado Pago ({detail}). Revise la conexión a internet.</translation>
    </message>
    <message>
        <source>Mercado Pago sent an answer the app cannot read: {detail}.</source>
        <translation>Mercado Pago envió una respuesta que la aplicación no puede leer: {detail}.</translation>
    </message>
    <message>
        <source>Mercado Pago lists more than {count} payments for that period: too many to check here. Use Mercado Pago&apos;s own activity report.</source>
        <translation>Mercado Pago lista más de {count} pagos en ese período: demasiados para verificarlos aquí. Use el informe de actividad de Mercado Pago.</translation>
    </message>
    <message>
        <source>Mercado Pago lists more than {count} stores or boxes for this account: too many to list here. Set this computer&apos;s with &apos;pos-app configure --store ID --box ID&apos;.</source>
        <translation>Mercado Pago lista más de {count} sucursales o cajas para esta cuenta: demasiadas para mostrarlas aquí. Configure las de esta computadora con &apos;pos-app configure --store ID --box ID&apos;.</translation>
    </message>
</context>
<context>
    <name>Network</name>
    <message>
        <source>The certificates for secure connections cannot be read from {where} ({error}). Check SSL_CERT_FILE and SSL_CERT_DIR, or unset them.</source>
        <translation>No se pueden leer los certificados para conexiones seguras desde {where} ({error}). Revise SSL_CERT_FILE y SSL_CERT_DIR, o quítelas.</translation>
    </message>
</context>
<context>
    <name>NewBoxForm</name>
    <message>
        <source>New box</source>
        <translation>Nueva caja</translation>
    </message>
    <message>
        <source>Create box</source>
        <translation>Crear caja</translation>
    </message>
    <message>
        <source>Box name:</source>
        <translation>Nombre de la caja:</translation>
    </message>
    <message>
        <source>Up to 44 characters, e.g. “Box 1” or “Front counter”.</source>
        <translation>Hasta 44 caracteres, p. ej. “Caja 1” o “Mostrador”.</translation>
    </message>
    <message>
        <source>Box id:</source>
        <translation>ID de la caja:</translation>
    </message>
    <message>
        <source>Letters and digits only, fewer than 40 (e.g. CAJA01). It cannot be changed later.</source>
        <translation>Solo letras y números, menos de 40 (p. ej. CAJA01). No se puede cambiar después.</translation>
    </message>
    <message>
        <source>Category (optional):</source>
        <translation>Categoría (opcional):</translation>
    </message>
    <message>
        <source>A box is one till with its own QR sticker. It is created for fixed amounts: the QR shows the customer exactly what this computer charges.</source>
        <translation>Una caja es un punto de cobro con su propio sticker QR. Se crea para montos fijos: el QR le muestra al cliente exactamente lo que cobra esta computadora.</translation>
    </message>
    <message>
        <source>New box in {store}</source>
        <translation>Nueva caja en {store}</translation>
    </message>
    <message>
        <source>Box {number}</source>
        <translation>Caja {number}</translation>
    </message>
    <message>
        <source>The MCC code of your trade, if Mercado Pago gave you one. For food and drink in {country}: {code}. Leave it empty if unsure.</source>
        <translation>El código MCC de su rubro, si Mercado Pago le dio uno. Para comidas y bebidas en {country}: {code}. Déjelo vacío si no está seguro.</translation>
    </message>
    <message>
        <source>The MCC code of your trade, if you know it. Leave it empty if unsure.</source>
        <translation>El código MCC de su rubro, si lo conoce. Déjelo vacío si no está seguro.</translation>
    </message>
</context>
<context>
    <name>NewStoreForm</name>
    <message>
        <source>e.g. Almacén Don Pepe</source>
        <translation>p. ej. Almacén Don Pepe</translation>
    </message>
    <message>
        <source>e.g. Av. Corrientes</source>
        <translation>p. ej. Av. Corrientes</translation>
    </message>
    <message>
        <source>province or state</source>
        <translation>provincia o estado</translation>
    </message>
    <message>
        <source>Add opening hours (optional)</source>
        <translation>Agregar horario de atención (opcional)</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Lun</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Mar</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Mié</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Jue</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Vie</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Sáb</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>Dom</translation>
    </message>
    <message>
        <source>from</source>
        <translation>de</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>Create store</source>
        <translation>Crear sucursal</translation>
    </message>
    <message>
        <source>Store name:</source>
        <translation>Nombre de la sucursal:</translation>
    </message>
    <message>
        <source>As your customers know the shop.</source>
        <translation>Como sus clientes conocen el negocio.</translation>
    </message>
    <message>
        <source>Store id:</source>
        <translation>ID de la sucursal:</translation>
    </message>
    <message>
        <source>Your own short code for this store: letters and digits only, up to 60 (e.g. SUC001). The app uses it to find the store.</source>
        <translation>Su propio código corto para esta sucursal: solo letras y números, hasta 60 (p. ej. SUC001). La aplicación lo usa para encontrar la sucursal.</translation>
    </message>
    <message>
        <source>Street:</source>
        <translation>Calle:</translation>
    </message>
    <message>
        <source>Number:</source>
        <translation>Número:</translation>
    </message>
    <message>
        <source>City:</source>
        <translation>Ciudad:</translation>
    </message>
    <message>
        <source>State or province:</source>
        <translation>Estado o provincia:</translation>
    </message>
    <message>
        <source>Latitude:</source>
        <translation>Latitud:</translation>
    </message>
    <message>
        <source>In Google Maps, right-click your shop: the first line is “latitude, longitude”. Click it to copy, then paste both numbers here.</source>
        <translation>En Google Maps, haga clic derecho sobre su negocio: la primera línea es “latitud, longitud”. Haga clic para copiarla y pegue aquí los dos números.</translation>
    </message>
    <message>
        <source>Longitude:</source>
        <translation>Longitud:</translation>
    </message>
    <message>
        <source>New store</source>
        <translation>Nueva sucursal</translation>
    </message>
    <message>
        <source>Mercado Pago asks for the shop&apos;s address and its place on the map. A field with a message under it needs attention.</source>
        <translation>Mercado Pago pide la dirección del negocio y su ubicación en el mapa. Un campo con un mensaje debajo necesita atención.</translation>
    </message>
</context>
<context>
    <name>PaymentBanner</name>
    <message>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <source>Sending the order to Mercado Pago.</source>
        <translation>Enviando la orden a Mercado Pago.</translation>
    </message>
    <message>
        <source>To charge again, press “{back}”; Enter starts a new sale.</source>
        <translation>Para cobrar de nuevo, presione “{back}”; Enter empieza una nueva venta.</translation>
    </message>
    <message>
        <source>The customer DID pay — do not charge again</source>
        <translation>El cliente SÍ pagó: no cobre de nuevo</translation>
    </message>
    <message>
        <source>{amount} arrived with Mercado Pago after the charge was canceled. If you also took cash, give it back.</source>
        <translation>Llegaron {amount} por Mercado Pago después de cancelar el cobro. Si también recibió efectivo, devuélvalo.</translation>
    </message>
    <message>
        <source>PAID</source>
        <translation>PAGADO</translation>
    </message>
    <message>
        <source>{amount} received with Mercado Pago.</source>
        <translation>Se recibieron {amount} por Mercado Pago.</translation>
    </message>
    <message>
        <source>Customer pays cash</source>
        <translation>El cliente paga en efectivo</translation>
    </message>
    <message>
        <source>The QR charge was canceled. Take {amount} in cash.</source>
        <translation>Se canceló el cobro con QR. Reciba {amount} en efectivo.</translation>
    </message>
    <message>
        <source>Nothing was charged.</source>
        <translation>No se cobró nada.</translation>
    </message>
    <message>
        <source>Nobody paid before the order expired. Nothing was charged.</source>
        <translation>Nadie pagó antes de que venciera la orden. No se cobró nada.</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>sin motivo informado</translation>
    </message>
    <message>
        <source>Mercado Pago refused the order</source>
        <translation>Mercado Pago rechazó la orden</translation>
    </message>
    <message>
        <source>Nothing was charged. Reason: {reason}</source>
        <translation>No se cobró nada. Motivo: {reason}</translation>
    </message>
    <message>
        <source>This sale can no longer be checked</source>
        <translation>Esta venta ya no se puede verificar</translation>
    </message>
    <message>
        <source>Its record in the sales ledger was changed while it waited. If the customer shows a paid receipt, do not charge again: the day&apos;s check finds the payment. Run &apos;pos-app doctor&apos; or call support.</source>
        <translation>Su anotación en el registro de ventas se modificó mientras esperaba. Si el cliente muestra un comprobante de pago, no cobre de nuevo: el control del día encuentra el pago. Ejecute &apos;pos-app doctor&apos; o llame a soporte.</translation>
    </message>
    <message>
        <source>Canceling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Removing the order and making sure nobody paid it.</source>
        <translation>Quitando la orden y verificando que nadie la haya pagado.</translation>
    </message>
    <message>
        <source>{amount} arrived with Mercado Pago after you took cash: paid twice. Give the cash back with a refund (Sales, the sale, Refund, In cash), so the drawer adds up.</source>
        <translation>Llegaron {amount} por Mercado Pago después de que recibió efectivo: se pagó dos veces. Devuelva el efectivo con una devolución (Ventas, la venta, Devolver, En efectivo), así la caja cuadra.</translation>
    </message>
    <message>
        <source>{amount} arrived with Mercado Pago while the charge was being canceled. Do not take cash; if you already took it, give it back.</source>
        <translation>Llegaron {amount} por Mercado Pago mientras se cancelaba el cobro. No reciba efectivo; si ya lo recibió, devuélvalo.</translation>
    </message>
    <message>
        <source>✕ Canceled</source>
        <translation>✕ Cancelado</translation>
    </message>
    <message>
        <source>◷ Expired</source>
        <translation>◷ Vencido</translation>
    </message>
    <message>
        <source>Mercado Pago refused the credentials</source>
        <translation>Mercado Pago rechazó las credenciales</translation>
    </message>
    <message>
        <source>The app cannot check this payment until the access token works again: check it in Settings. If the customer shows a paid receipt, do not charge again.</source>
        <translation>La aplicación no puede verificar este pago hasta que el token de acceso vuelva a funcionar: revíselo en Configuración. Si el cliente muestra un comprobante de pago, no cobre de nuevo.</translation>
    </message>
    <message>
        <source>Connection trouble — still trying</source>
        <translation>Problemas de conexión: se sigue intentando</translation>
    </message>
    <message>
        <source>No answer from Mercado Pago since {time}. The customer can still pay; the app will notice as soon as the connection is back.</source>
        <translation>Sin respuesta de Mercado Pago desde las {time}. El cliente igual puede pagar; la aplicación lo verá en cuanto vuelva la conexión.</translation>
    </message>
    <message>
        <source>Last attempt was rejected — the customer can try again</source>
        <translation>El último intento fue rechazado: el cliente puede intentar de nuevo</translation>
    </message>
    <message>
        <source>The customer can pay again with another card or with money in the account.</source>
        <translation>El cliente puede volver a pagar con otra tarjeta o con dinero en cuenta.</translation>
    </message>
    <message>
        <source>Waiting for the customer to scan and pay</source>
        <translation>Esperando que el cliente escanee y pague</translation>
    </message>
    <message>
        <source>Paid so far: {paid} of {total}. Waiting for the rest.</source>
        <translation>Pagado hasta ahora: {paid} de {total}. Esperando el resto.</translation>
    </message>
    <message>
        <source>Ask the customer to scan the QR code at the counter.</source>
        <translation>Pida al cliente que escanee el código QR de la caja.</translation>
    </message>
</context>
<context>
    <name>PaymentPanel</name>
    <message>
        <source>Payment status</source>
        <translation>Estado del pago</translation>
    </message>
    <message>
        <source>QR code for this sale</source>
        <translation>Código QR de esta venta</translation>
    </message>
    <message>
        <source>Scan this code with the Mercado Pago app</source>
        <translation>Escanee este código con la app de Mercado Pago</translation>
    </message>
    <message>
        <source>Mercado Pago is answering slowly…</source>
        <translation>Mercado Pago está respondiendo lento…</translation>
    </message>
    <message>
        <source>Cancel charge  (Esc)</source>
        <translation>Cancelar cobro  (Esc)</translation>
    </message>
    <message>
        <source>Customer pays cash</source>
        <translation>El cliente paga en efectivo</translation>
    </message>
    <message>
        <source>Check payment now</source>
        <translation>Verificar el pago ahora</translation>
    </message>
    <message>
        <source>New sale  (Enter)</source>
        <translation>Nueva venta  (Enter)</translation>
    </message>
    <message>
        <source>Back to the cart</source>
        <translation>Volver al carrito</translation>
    </message>
    <message>
        <source>Checking with Mercado Pago…</source>
        <translation>Consultando a Mercado Pago…</translation>
    </message>
    <message>
        <source>Checked at {time}: Mercado Pago did not answer. Try again.</source>
        <translation>Consultado a las {time}: Mercado Pago no respondió. Intente de nuevo.</translation>
    </message>
    <message>
        <source>Checked at {time}: still waiting for the payment.</source>
        <translation>Consultado a las {time}: todavía esperando el pago.</translation>
    </message>
    <message>
        <source>Sale {reference}</source>
        <translation>Venta {reference}</translation>
    </message>
    <message>
        <source>Took {time}</source>
        <translation>Tardó {time}</translation>
    </message>
    <message>
        <source>Elapsed {time}</source>
        <translation>Transcurrido {time}</translation>
    </message>
    <message>
        <source>Expires in {time}</source>
        <translation>Vence en {time}</translation>
    </message>
    <message>
        <source>Expiring…</source>
        <translation>Venciendo…</translation>
    </message>
</context>
<context>
    <name>PosStatusBar</name>
    <message>
        <source>Mercado Pago is answering slowly…</source>
        <translation>Mercado Pago está respondiendo lento…</translation>
    </message>
    <message>
        <source>TEST</source>
        <translation>PRUEBA</translation>
    </message>
    <message>
        <source>Test-user credentials: payments are simulated, no real money moves.</source>
        <translation>Credenciales de usuario de prueba: los pagos son simulados, no se mueve dinero real.</translation>
    </message>
    <message>
        <source>no store configured</source>
        <translation>sin sucursal configurada</translation>
    </message>
    <message>
        <source>Box {id}</source>
        <translation>Caja {id}</translation>
    </message>
    <message>
        <source>no box configured</source>
        <translation>sin caja configurada</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Opening the sales ledger and the connection</source>
        <translation>Abriendo el registro de ventas y la conexión</translation>
    </message>
    <message>
        <source>Mercado Pago: not contacted yet</source>
        <translation>Mercado Pago: todavía sin contactar</translation>
    </message>
    <message>
        <source>● Mercado Pago: online</source>
        <translation>● Mercado Pago: en línea</translation>
    </message>
    <message>
        <source>● Mercado Pago refused the credentials</source>
        <translation>● Mercado Pago rechazó las credenciales</translation>
    </message>
    <message>
        <source>● Connection trouble since {time}</source>
        <translation>● Problemas de conexión desde las {time}</translation>
    </message>
    <message>
        <source>Notifications off (checking by polling)</source>
        <translation>Notificaciones desactivadas (verificación por consulta)</translation>
    </message>
    <message>
        <source>Instant payment notifications could not start ({detail}). Payments are still found by asking Mercado Pago, a moment later.</source>
        <translation>No se pudieron iniciar las notificaciones de pago instantáneas ({detail}). Los pagos se siguen encontrando consultando a Mercado Pago, un momento después.</translation>
    </message>
    <message>
        <source>Notifications on</source>
        <translation>Notificaciones activadas</translation>
    </message>
    <message>
        <source>Listening on {url}</source>
        <translation>Escuchando en {url}</translation>
    </message>
    <message>
        <source>A sale could not be read: run &apos;pos-app doctor&apos; or call support</source>
        <translation>Una venta no se pudo leer: ejecute &apos;pos-app doctor&apos; o llame a soporte</translation>
    </message>
    <message>
        <source>{count} sales could not be read: run &apos;pos-app doctor&apos; or call support</source>
        <translation>{count} ventas no se pudieron leer: ejecute &apos;pos-app doctor&apos; o llame a soporte</translation>
    </message>
    <message>
        <source>Store database: 1 change refused</source>
        <translation>Base de datos de la tienda: 1 cambio rechazado</translation>
    </message>
    <message>
        <source>Store database: {count} changes refused</source>
        <translation>Base de datos de la tienda: {count} cambios rechazados</translation>
    </message>
    <message>
        <source>The store database refuses one of this counter&apos;s changes ({detail}). It is kept in the ledger and tried again at the next start; the other changes are sent as usual. &apos;pos-app doctor&apos; tells more.</source>
        <translation>La base de datos de la tienda rechaza un cambio de esta caja ({detail}). Se guarda en el registro de ventas y se vuelve a intentar al próximo inicio; los demás cambios se envían como siempre. &apos;pos-app doctor&apos; da más detalles.</translation>
    </message>
    <message>
        <source>The store database refuses {count} of this counter&apos;s changes ({detail}). They are kept in the ledger and tried again at the next start; the other changes are sent as usual. &apos;pos-app doctor&apos; tells more.</source>
        <translation>La base de datos de la tienda rechaza {count} cambios de esta caja ({detail}). Se guardan en el registro de ventas y se vuelven a intentar al próximo inicio; los demás cambios se envían como siempre. &apos;pos-app doctor&apos; da más detalles.</translation>
    </message>
    <message>
        <source>Store database: up to date</source>
        <translation>Base de datos de la tienda: al día</translation>
    </message>
    <message>
        <source>Store database: 1 change waiting since {time}</source>
        <translation>Base de datos de la tienda: 1 cambio pendiente desde las {time}</translation>
    </message>
    <message>
        <source>Store database: {count} changes waiting since {time}</source>
        <translation>Base de datos de la tienda: {count} cambios pendientes desde las {time}</translation>
    </message>
    <message>
        <source>The store database cannot be reached ({detail}). This counter sells on; its changes wait in the ledger and are sent when it answers again.</source>
        <translation>No se puede conectar con la base de datos de la tienda ({detail}). Esta caja sigue vendiendo; sus cambios esperan en el registro de ventas y se envían cuando vuelva a responder.</translation>
    </message>
</context>
<context>
    <name>PriceDialogs</name>
    <message>
        <source>−{percent} %</source>
        <translation>−{percent} %</translation>
    </message>
    <message>
        <source>−{amount}</source>
        <translation>−{amount}</translation>
    </message>
    <message>
        <source>now {price}</source>
        <translation>ahora {price}</translation>
    </message>
    <message>
        <source>Type the percentage like 10 or 12,5.</source>
        <translation>Escriba el porcentaje así: 10 o 12,5.</translation>
    </message>
</context>
<context>
    <name>Printer</name>
    <message>
        <source>No printer is chosen.</source>
        <translation>No se eligió ninguna impresora.</translation>
    </message>
    <message>
        <source>A USB printer is written usb:VENDOR:PRODUCT, e.g. usb:04b8:0202.</source>
        <translation>Una impresora USB se escribe usb:FABRICANTE:PRODUCTO, por ejemplo usb:04b8:0202.</translation>
    </message>
    <message>
        <source>A network printer is written net:ADDRESS or net:ADDRESS:PORT.</source>
        <translation>Una impresora de red se escribe net:DIRECCIÓN o net:DIRECCIÓN:PUERTO.</translation>
    </message>
    <message>
        <source>A serial printer is written serial:PORT or serial:PORT@BAUD.</source>
        <translation>Una impresora serie se escribe serial:PUERTO o serial:PUERTO@BAUDIOS.</translation>
    </message>
    <message>
        <source>Write the printer&apos;s device or file path.</source>
        <translation>Escriba la ruta del dispositivo o del archivo de la impresora.</translation>
    </message>
    <message>
        <source>The printer is out of paper.</source>
        <translation>La impresora no tiene papel.</translation>
    </message>
    <message>
        <source>The printer is not connected (unplugged, or turned off).</source>
        <translation>La impresora no está conectada (desenchufada o apagada).</translation>
    </message>
    <message>
        <source>This computer&apos;s user may not use the printer (permission denied).</source>
        <translation>El usuario de esta computadora no tiene permiso para usar la impresora.</translation>
    </message>
    <message>
        <source>The printer does not answer: check that it is on and connected.</source>
        <translation>La impresora no responde: revise que esté encendida y conectada.</translation>
    </message>
    <message>
        <source>The printer reports a problem: check that it is on, closed and has paper.</source>
        <translation>La impresora informa un problema: revise que esté encendida, cerrada y con papel.</translation>
    </message>
    <message>
        <source>This kind of printer needs a component that is not installed.</source>
        <translation>Este tipo de impresora necesita un componente que no está instalado.</translation>
    </message>
    <message>
        <source>The printer could not print ({error}).</source>
        <translation>La impresora no pudo imprimir ({error}).</translation>
    </message>
</context>
<context>
    <name>ProductEditor</name>
    <message>
        <source>Change product</source>
        <translation>Modificar producto</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>Producto nuevo</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>Pack</source>
        <translation>Paquete</translation>
    </message>
    <message>
        <source>By weight, price per kg</source>
        <translation>Por peso, precio por kg</translation>
    </message>
    <message>
        <source>By weight, price per g</source>
        <translation>Por peso, precio por g</translation>
    </message>
    <message>
        <source>By volume, price per litre</source>
        <translation>Por volumen, precio por litro</translation>
    </message>
    <message>
        <source>By length, price per metre</source>
        <translation>Por largo, precio por metro</translation>
    </message>
    <message>
        <source>IVA {rate} % (included in the price)</source>
        <translation>IVA {rate} % (incluido en el precio)</translation>
    </message>
    <message>
        <source>Exempt from IVA</source>
        <translation>Exento de IVA</translation>
    </message>
    <message>
        <source>Your own code for the product.</source>
        <translation>Su propio código para el producto.</translation>
    </message>
    <message>
        <source>Optional: the number under the bars, for the scanner.</source>
        <translation>Opcional: el número debajo de las barras, para el lector.</translation>
    </message>
    <message>
        <source>Price to the customer, e.g. {example}. Past sales keep their price.</source>
        <translation>Precio al cliente, p. ej. {example}. Las ventas anteriores conservan su precio.</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nombre:</translation>
    </message>
    <message>
        <source>SKU:</source>
        <translation>SKU:</translation>
    </message>
    <message>
        <source>Barcode:</source>
        <translation>Código de barras:</translation>
    </message>
    <message>
        <source>Price:</source>
        <translation>Precio:</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>Categoría:</translation>
    </message>
    <message>
        <source>Optional.</source>
        <translation>Opcional.</translation>
    </message>
    <message>
        <source>Sold by:</source>
        <translation>Se vende por:</translation>
    </message>
    <message>
        <source>IVA:</source>
        <translation>IVA:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>The scanned code {code} is not in your products yet: add it once, and the next scan finds it.</source>
        <translation>El código escaneado {code} todavía no está en sus productos: agréguelo una vez y el próximo escaneo lo encuentra.</translation>
    </message>
    <message>
        <source>Discard the changes to this product?</source>
        <translation>¿Descartar los cambios de este producto?</translation>
    </message>
    <message>
        <source>Write the product&apos;s name.</source>
        <translation>Escriba el nombre del producto.</translation>
    </message>
    <message>
        <source>Write a SKU (any code of yours).</source>
        <translation>Escriba un SKU (cualquier código suyo).</translation>
    </message>
    <message>
        <source>Write the price.</source>
        <translation>Escriba el precio.</translation>
    </message>
    <message>
        <source>Another product already has this SKU: {title}.</source>
        <translation>Otro producto ya tiene este SKU: {title}.</translation>
    </message>
    <message>
        <source>This barcode is already on {title} ({sku}).</source>
        <translation>Este código de barras ya está en {title} ({sku}).</translation>
    </message>
</context>
<context>
    <name>ProductSearch</name>
    <message>
        <source>Price damaged</source>
        <translation>Precio dañado</translation>
    </message>
    <message>
        <source>Code {code}</source>
        <translation>Código {code}</translation>
    </message>
    <message>
        <source>{n} products match: pick one with ↑ ↓ and Enter, or tap it.</source>
        <translation>{n} productos coinciden: elija uno con ↑ ↓ y Enter, o tóquelo.</translation>
    </message>
</context>
<context>
    <name>ProductsModel</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>Código de barras</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Sold by</source>
        <translation>Se vende por</translation>
    </message>
    <message>
        <source>IVA</source>
        <translation>IVA</translation>
    </message>
    <message>
        <source>Price damaged</source>
        <translation>Precio dañado</translation>
    </message>
    <message>
        <source>Pack</source>
        <translation>Paquete</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>Exempt</source>
        <translation>Exento</translation>
    </message>
</context>
<context>
    <name>ProductsWindow</name>
    <message>
        <source>Products</source>
        <translation>Productos</translation>
    </message>
    <message>
        <source>Search by name, SKU or barcode</source>
        <translation>Buscar por nombre, SKU o código de barras</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Agregar…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Modificar…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>Importar CSV…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Search the products</source>
        <translation>Buscar en los productos</translation>
    </message>
    <message>
        <source>No products yet. Add them one by one with “Add…”, or bring your whole list with “Import CSV…” (columns sku, title, unit_price; optional barcode, category, unit_measure, iva_rate).</source>
        <translation>Todavía no hay productos. Agréguelos uno por uno con “Agregar…” o traiga toda su lista con “Importar CSV…” (columnas sku, title, unit_price; opcionales barcode, category, unit_measure, iva_rate).</translation>
    </message>
    <message>
        <source>No product matches “{text}”.</source>
        <translation>Ningún producto coincide con “{text}”.</translation>
    </message>
    <message>
        <source>{shown} found, of 1 product</source>
        <translation>{shown} encontrados, de 1 producto</translation>
    </message>
    <message>
        <source>{shown} found, of {total} products</source>
        <translation>{shown} encontrados, de {total} productos</translation>
    </message>
    <message>
        <source>1 product</source>
        <translation>1 producto</translation>
    </message>
    <message>
        <source>{total} products</source>
        <translation>{total} productos</translation>
    </message>
    <message>
        <source>Delete product</source>
        <translation>Eliminar producto</translation>
    </message>
    <message>
        <source>Delete {title} ({sku})? Past sales keep it; it just cannot be sold any more.</source>
        <translation>¿Eliminar {title} ({sku})? Las ventas anteriores lo conservan; solo que ya no se puede vender.</translation>
    </message>
    <message>
        <source>products.csv</source>
        <translation>productos.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Saving the products to {file}…</source>
        <translation>Guardando los productos en {file}…</translation>
    </message>
    <message>
        <source>Could not write {file}: {error}</source>
        <translation>No se pudo escribir {file}: {error}</translation>
    </message>
    <message>
        <source>1 product saved to {file}.</source>
        <translation>1 producto guardado en {file}.</translation>
    </message>
    <message>
        <source>{n} products saved to {file}.</source>
        <translation>{n} productos guardados en {file}.</translation>
    </message>
    <message>
        <source>Damaged prices, saved as they are stored (the import refuses those rows until fixed): {products}. Open each one here and type its price again.</source>
        <translation>Precios dañados, guardados tal como están (la importación rechaza esas filas hasta corregirlos): {products}. Abra cada uno aquí y escriba su precio de nuevo.</translation>
    </message>
</context>
<context>
    <name>QuantityDelegate</name>
    <message>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <source>SALE RECEIPT</source>
        <translation>COMPROBANTE DE VENTA</translation>
    </message>
    <message>
        <source>REFUND RECEIPT</source>
        <translation>COMPROBANTE DE DEVOLUCIÓN</translation>
    </message>
    <message>
        <source>TEST PRINT</source>
        <translation>IMPRESIÓN DE PRUEBA</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Sucursal</translation>
    </message>
    <message>
        <source>Box</source>
        <translation>Caja</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>Venta</translation>
    </message>
    <message>
        <source>Original sale</source>
        <translation>Venta original</translation>
    </message>
    <message>
        <source>Sold on</source>
        <translation>Vendido el</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation>TOTAL</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Descuento</translation>
    </message>
    <message>
        <source>Sale discount</source>
        <translation>Descuento en la venta</translation>
    </message>
    <message>
        <source>REFUNDED</source>
        <translation>DEVUELTO</translation>
    </message>
    <message>
        <source>Refunded on the sale&apos;s other payments</source>
        <translation>Devuelto en los otros pagos de la venta</translation>
    </message>
    <message>
        <source>IVA {rate} % included</source>
        <translation>IVA {rate} % incluido</translation>
    </message>
    <message>
        <source>Total IVA included</source>
        <translation>Total IVA incluido</translation>
    </message>
    <message>
        <source>Refund of an amount, not of items: its IVA is split over the sale&apos;s rates in proportion.</source>
        <translation>Devolución de un monto, no de artículos: su IVA se reparte entre las tarifas de la venta en proporción.</translation>
    </message>
    <message>
        <source>Part of these items&apos; price was given back before, in a refund of an amount: the rest of this refund is the sale&apos;s other items&apos;, with their IVA rates in proportion.</source>
        <translation>Parte del precio de estos artículos se devolvió antes, en una devolución de un monto: el resto de esta devolución corresponde a los demás artículos de la venta, con sus tasas de IVA en proporción.</translation>
    </message>
    <message>
        <source>Paid with Mercado Pago (QR)</source>
        <translation>Pagado con Mercado Pago (QR)</translation>
    </message>
    <message>
        <source>Paid in cash</source>
        <translation>Pagado en efectivo</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Pago</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Orden</translation>
    </message>
    <message>
        <source>Refunded through Mercado Pago</source>
        <translation>Devuelto por Mercado Pago</translation>
    </message>
    <message>
        <source>Refunded in cash</source>
        <translation>Devuelto en efectivo</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Devolución</translation>
    </message>
    <message>
        <source>Reason: {note}</source>
        <translation>Motivo: {note}</translation>
    </message>
    <message>
        <source>This is not a fiscal invoice.</source>
        <translation>Documento no válido como factura.</translation>
    </message>
    <message>
        <source>If you can read this, the printer works. Accents: áéíóú ñ ç ã õ ¿¡</source>
        <translation>Si puede leer esto, la impresora funciona. Acentos: áéíóú ñ ç ã õ ¿¡</translation>
    </message>
    <message>
        <source>Scan to pay at this box</source>
        <translation>Escanee para pagar en esta caja</translation>
    </message>
</context>
<context>
    <name>ReceiptPreview</name>
    <message>
        <source>The system printer “{name}” is not available.</source>
        <translation>La impresora del sistema “{name}” no está disponible.</translation>
    </message>
    <message>
        <source>default</source>
        <translation>predeterminada</translation>
    </message>
</context>
<context>
    <name>ReceiptPreviewDialog</name>
    <message>
        <source>Refund receipt {reference}</source>
        <translation>Comprobante de devolución {reference}</translation>
    </message>
    <message>
        <source>Receipt {reference}</source>
        <translation>Comprobante {reference}</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Comprobante</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
    <message>
        <source>Choose a printer in Settings → Receipts.</source>
        <translation>Elija una impresora en Configuración → Comprobantes.</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Guardar como PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Imprimiendo…</translation>
    </message>
    <message>
        <source>Printed.</source>
        <translation>Impreso.</translation>
    </message>
    <message>
        <source>Not printed: {problem} Press Print to try again.</source>
        <translation>No se imprimió: {problem} Presione Imprimir para intentar de nuevo.</translation>
    </message>
    <message>
        <source>Save the receipt as PDF</source>
        <translation>Guardar el comprobante como PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saving the PDF…</source>
        <translation>Guardando el PDF…</translation>
    </message>
    <message>
        <source>The PDF could not be saved ({error}).</source>
        <translation>No se pudo guardar el PDF ({error}).</translation>
    </message>
    <message>
        <source>Saved as {path}.</source>
        <translation>Guardado como {path}.</translation>
    </message>
</context>
<context>
    <name>ReceiptsPage</name>
    <message>
        <source>Receipts</source>
        <translation>Comprobantes</translation>
    </message>
    <message>
        <source>no printer: receipts only on screen and as PDF</source>
        <translation>sin impresora: comprobantes solo en pantalla y en PDF</translation>
    </message>
    <message>
        <source>no printer</source>
        <translation>sin impresora</translation>
    </message>
    <message>
        <source>Printers found</source>
        <translation>Impresoras encontradas</translation>
    </message>
    <message>
        <source>Pick…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>System: {name}</source>
        <translation>Sistema: {name}</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>Imprimir prueba</translation>
    </message>
    <message>
        <source>A thermal printer: usb:VENDOR:PRODUCT, net:ADDRESS[:PORT], serial:PORT[@BAUD], or its device path (/dev/usb/lp0). Any other printer: system:NAME.</source>
        <translation>Una impresora térmica: usb:FABRICANTE:PRODUCTO, net:DIRECCIÓN[:PUERTO], serial:PUERTO[@BAUDIOS] o la ruta de su dispositivo (/dev/usb/lp0). Cualquier otra impresora: system:NOMBRE.</translation>
    </message>
    <message>
        <source>80 mm (48 characters)</source>
        <translation>80 mm (48 caracteres)</translation>
    </message>
    <message>
        <source>58 mm (32 characters)</source>
        <translation>58 mm (32 caracteres)</translation>
    </message>
    <message>
        <source>Print the receipt when a sale is paid</source>
        <translation>Imprimir el comprobante cuando se paga una venta</translation>
    </message>
    <message>
        <source>Print the box&apos;s QR code under the receipt</source>
        <translation>Imprimir el código QR de la caja debajo del comprobante</translation>
    </message>
    <message>
        <source>Printer:</source>
        <translation>Impresora:</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>Papel:</translation>
    </message>
    <message>
        <source>Characters:</source>
        <translation>Caracteres:</translation>
    </message>
    <message>
        <source>The printer&apos;s code page. ASCII if accents print wrong: á prints as a.</source>
        <translation>La página de códigos de la impresora. ASCII si los acentos salen mal: á se imprime como a.</translation>
    </message>
    <message>
        <source>Leave empty to print the store&apos;s name.</source>
        <translation>Deje vacío para imprimir el nombre de la sucursal.</translation>
    </message>
    <message>
        <source>Shop name:</source>
        <translation>Nombre del negocio:</translation>
    </message>
    <message>
        <source>Header:</source>
        <translation>Encabezado:</translation>
    </message>
    <message>
        <source>Address, tax id, phone: printed under the name.</source>
        <translation>Dirección, identificación fiscal, teléfono: se imprimen debajo del nombre.</translation>
    </message>
    <message>
        <source>Footer:</source>
        <translation>Pie:</translation>
    </message>
    <message>
        <source>Printed at the end.</source>
        <translation>Se imprime al final.</translation>
    </message>
    <message>
        <source>A printer that is off or out of paper never stops a sale: the cashier is told, and can print the receipt again from Today&apos;s sales.</source>
        <translation>Una impresora apagada o sin papel nunca detiene una venta: se avisa al cajero, que puede imprimir el comprobante de nuevo desde Ventas de hoy.</translation>
    </message>
    <message>
        <source>Printing a test page…</source>
        <translation>Imprimiendo una página de prueba…</translation>
    </message>
    <message>
        <source>Sent to the printer. Did the page come out?</source>
        <translation>Enviado a la impresora. ¿Salió la página?</translation>
    </message>
</context>
<context>
    <name>Reconciliation</name>
    <message>
        <source>Mercado Pago payment {payment_id}</source>
        <translation>Pago de Mercado Pago {payment_id}</translation>
    </message>
</context>
<context>
    <name>Refund</name>
    <message>
        <source>Another counter is refunding sale {reference} right now. Nothing was given back; try again in a moment.</source>
        <translation>Otra caja está devolviendo la venta {reference} en este momento. No se devolvió nada; inténtelo de nuevo en un momento.</translation>
    </message>
    <message>
        <source>Sale {reference} is older than this counter&apos;s restored backup: cash given back for it after that backup is known only to the store database, which cannot be reached now ({detail}). Nothing was given back; try again when it answers.</source>
        <translation>La venta {reference} es anterior a la copia de seguridad restaurada en esta caja: el efectivo devuelto por ella después de esa copia solo lo conoce la base de datos de la tienda, que ahora no responde ({detail}). No se devolvió nada; inténtelo de nuevo cuando responda.</translation>
    </message>
    <message>
        <source>Line {line} ({title}): give back {example}, more than 0 and at most what is left of it.</source>
        <translation>Línea {line} ({title}): devuelva por ejemplo {example}, más de 0 y como máximo lo que queda de ella.</translation>
    </message>
    <message>
        <source>The sale has no line {line}.</source>
        <translation>La venta no tiene la línea {line}.</translation>
    </message>
    <message>
        <source>Line {line} ({title}): {left} left to give back.</source>
        <translation>Línea {line} ({title}): quedan {left} por devolver.</translation>
    </message>
    <message>
        <source>Sale {reference} is not paid: there is nothing to refund.</source>
        <translation>La venta {reference} no está pagada: no hay nada que devolver.</translation>
    </message>
    <message>
        <source>Sale {reference} has no payment of its own to give back: the customer&apos;s Mercado Pago payment is in the books as sale {other}. Refund that sale.</source>
        <translation>La venta {reference} no tiene un pago propio que devolver: el pago del cliente por Mercado Pago está registrado como la venta {other}. Devuelva esa venta.</translation>
    </message>
    <message>
        <source>Sale {reference} was paid twice, in cash and with Mercado Pago: choose how to give the money back (in cash, up to {cash}; through Mercado Pago, up to {qr}).</source>
        <translation>La venta {reference} se pagó dos veces, en efectivo y con Mercado Pago: elija cómo devolver el dinero (en efectivo, hasta {cash}; por Mercado Pago, hasta {qr}).</translation>
    </message>
    <message>
        <source>Sale {reference} was paid with Mercado Pago: it is refunded through Mercado Pago, not in cash.</source>
        <translation>La venta {reference} se pagó con Mercado Pago: se devuelve por Mercado Pago, no en efectivo.</translation>
    </message>
    <message>
        <source>Sale {reference} was paid in cash: it is given back in cash, nothing goes through Mercado Pago.</source>
        <translation>La venta {reference} se pagó en efectivo: se devuelve en efectivo, nada pasa por Mercado Pago.</translation>
    </message>
    <message>
        <source>The amount to refund must be greater than zero.</source>
        <translation>El monto a devolver debe ser mayor que cero.</translation>
    </message>
    <message>
        <source>{currency} amounts have {decimals} decimals: {amount}.</source>
        <translation>Los montos en {currency} tienen {decimals} decimales: {amount}.</translation>
    </message>
    <message>
        <source>The cash part of sale {reference} has been given back; {left} is left to refund through Mercado Pago.</source>
        <translation>La parte en efectivo de la venta {reference} ya se devolvió; quedan {left} por devolver por Mercado Pago.</translation>
    </message>
    <message>
        <source>The Mercado Pago part of sale {reference} has been refunded; {left} is left to give back in cash.</source>
        <translation>La parte de Mercado Pago de la venta {reference} ya se devolvió; quedan {left} por devolver en efectivo.</translation>
    </message>
    <message>
        <source>Sale {reference} has already been refunded.</source>
        <translation>La venta {reference} ya fue devuelta.</translation>
    </message>
    <message>
        <source>{amount} is more than what is left to refund on this sale ({left}).</source>
        <translation>{amount} es más de lo que queda por devolver de esta venta ({left}).</translation>
    </message>
    <message>
        <source>{amount} is more than what is left to refund on this sale.</source>
        <translation>{amount} es más de lo que queda por devolver de esta venta.</translation>
    </message>
    <message>
        <source>Sale {reference} has nothing to refund at Mercado Pago.</source>
        <translation>La venta {reference} no tiene nada para devolver en Mercado Pago.</translation>
    </message>
    <message>
        <source>Mercado Pago shows less left to refund on this sale&apos;s payments than {amount}.</source>
        <translation>Mercado Pago muestra menos de {amount} por devolver en los pagos de esta venta.</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Refund sale {reference}</source>
        <translation>Devolver la venta {reference}</translation>
    </message>
    <message>
        <source>This amount:</source>
        <translation>Este monto:</translation>
    </message>
    <message>
        <source>Amount to refund</source>
        <translation>Monto a devolver</translation>
    </message>
    <message>
        <source>These items:</source>
        <translation>Estos artículos:</translation>
    </message>
    <message>
        <source>Give back:</source>
        <translation>Devolver:</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artículo</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>Vendidos</translation>
    </message>
    <message>
        <source>Give back</source>
        <translation>Devolver</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Pagado</translation>
    </message>
    <message>
        <source>Items of the sale</source>
        <translation>Artículos de la venta</translation>
    </message>
    <message>
        <source>Optional: defective, changed their mind, charged twice…</source>
        <translation>Opcional: producto fallado, el cliente se arrepintió, cobrado dos veces…</translation>
    </message>
    <message>
        <source>Optional: defective, charged twice…</source>
        <translation>Opcional: producto fallado, cobrado dos veces…</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Opcional</translation>
    </message>
    <message>
        <source>Reason for the refund:</source>
        <translation>Motivo de la devolución:</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Devolver</translation>
    </message>
    <message>
        <source>Refund receipt…</source>
        <translation>Comprobante de devolución…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Everything left</source>
        <translation>Todo lo que queda</translation>
    </message>
    <message>
        <source>Paid {paid}. Refunded {refunded}. Left to refund: {left}.</source>
        <translation>Pagado {paid}. Devuelto {refunded}. Queda por devolver: {left}.</translation>
    </message>
    <message>
        <source>Paid twice: in cash and with Mercado Pago. Each part goes back the way it came: choose which.</source>
        <translation>Pagada dos veces: en efectivo y con Mercado Pago. Cada parte se devuelve por donde entró: elija cuál.</translation>
    </message>
    <message>
        <source>In cash (up to {amount})</source>
        <translation>En efectivo (hasta {amount})</translation>
    </message>
    <message>
        <source>Through Mercado Pago (up to {amount})</source>
        <translation>Por Mercado Pago (hasta {amount})</translation>
    </message>
    <message>
        <source>A refund has no answer from Mercado Pago yet: it is checked before the next one.</source>
        <translation>Una devolución todavía no tiene respuesta de Mercado Pago: se verifica antes de la próxima.</translation>
    </message>
    <message>
        <source>Wait for Mercado Pago&apos;s answer: the refund is under way.</source>
        <translation>Espere la respuesta de Mercado Pago: la devolución está en curso.</translation>
    </message>
    <message>
        <source>Everything left ({amount})</source>
        <translation>Todo lo que queda ({amount})</translation>
    </message>
    <message>
        <source>Weight to give back ({unit}): {item}</source>
        <translation>Peso a devolver ({unit}): {item}</translation>
    </message>
    <message>
        <source>Give back: {item}</source>
        <translation>Devolver: {item}</translation>
    </message>
    <message>
        <source>{item}: type the weight given back like {example}.</source>
        <translation>{item}: escriba el peso devuelto así: {example}.</translation>
    </message>
    <message>
        <source>These items were paid {amount}: more than the {left} left to refund. Choose fewer, or refund an amount.</source>
        <translation>Por estos artículos se pagaron {amount}: más que los {left} que quedan por devolver. Elija menos o devuelva un monto.</translation>
    </message>
    <message>
        <source>These items give back {amount}.</source>
        <translation>Estos artículos devuelven {amount}.</translation>
    </message>
    <message>
        <source>Refunding… (asking Mercado Pago)</source>
        <translation>Devolviendo… (consultando a Mercado Pago)</translation>
    </message>
    <message>
        <source>{amount} refunded.</source>
        <translation>{amount} devuelto.</translation>
    </message>
    <message>
        <source>{amount} not refunded. {why}</source>
        <translation>{amount} no devuelto. {why}</translation>
    </message>
    <message>
        <source>{amount}: Mercado Pago did not answer. The refund is kept and checked before anything else: do not give the money back by other means.</source>
        <translation>{amount}: Mercado Pago no respondió. La devolución queda guardada y se verifica antes que nada: no devuelva el dinero por otro medio.</translation>
    </message>
    <message>
        <source>The refund failed unexpectedly; nothing was recorded.</source>
        <translation>La devolución falló de forma inesperada; no se registró nada.</translation>
    </message>
</context>
<context>
    <name>Refunds</name>
    <message>
        <source>Mercado Pago refused the refund: the payment is too old to be refunded.</source>
        <translation>Mercado Pago rechazó la devolución: el pago es demasiado antiguo para devolverlo.</translation>
    </message>
    <message>
        <source>Mercado Pago refused the refund: this account only allows refunding the whole amount.</source>
        <translation>Mercado Pago rechazó la devolución: esta cuenta solo permite devolver el monto completo.</translation>
    </message>
    <message>
        <source>Mercado Pago refused the refund: the amount is not valid.</source>
        <translation>Mercado Pago rechazó la devolución: el monto no es válido.</translation>
    </message>
    <message>
        <source>Mercado Pago refused the refund: it is more than what is left to refund on the payment.</source>
        <translation>Mercado Pago rechazó la devolución: es más de lo que queda por devolver del pago.</translation>
    </message>
    <message>
        <source>Mercado Pago refused the refund: the account does not have enough money to give back.</source>
        <translation>Mercado Pago rechazó la devolución: la cuenta no tiene dinero suficiente para devolver.</translation>
    </message>
    <message>
        <source>Mercado Pago refused the refund: this refund was already sent with another amount.</source>
        <translation>Mercado Pago rechazó la devolución: esta devolución ya se envió con otro monto.</translation>
    </message>
    <message>
        <source>Mercado Pago refused the refund: {detail}</source>
        <translation>Mercado Pago rechazó la devolución: {detail}</translation>
    </message>
</context>
<context>
    <name>SaleHistory</name>
    <message>
        <source>taken in cash</source>
        <translation>cobrada en efectivo</translation>
    </message>
    <message>
        <source>the order left the box</source>
        <translation>la orden salió de la caja</translation>
    </message>
    <message>
        <source>last check before it expired</source>
        <translation>última consulta antes de vencer</translation>
    </message>
    <message>
        <source>the order never reached the box</source>
        <translation>la orden nunca llegó a la caja</translation>
    </message>
    <message>
        <source>it was also taken in cash: refund one of the two</source>
        <translation>también se cobró en efectivo: devuelva uno de los dos pagos</translation>
    </message>
    <message>
        <source>paid after it was closed here</source>
        <translation>pagada después de cerrarla aquí</translation>
    </message>
    <message>
        <source>payment {payment} found at Mercado Pago</source>
        <translation>pago {payment} encontrado en Mercado Pago</translation>
    </message>
    <message>
        <source>payment {payment} found at Mercado Pago, reference {reference}</source>
        <translation>pago {payment} encontrado en Mercado Pago, referencia {reference}</translation>
    </message>
    <message>
        <source>Mercado Pago refused the order</source>
        <translation>Mercado Pago rechazó la orden</translation>
    </message>
    <message>
        <source>paid at Mercado Pago</source>
        <translation>pagada en Mercado Pago</translation>
    </message>
    <message>
        <source>Mercado Pago order {ids}</source>
        <translation>orden de Mercado Pago {ids}</translation>
    </message>
    <message>
        <source>Mercado Pago orders {ids}</source>
        <translation>órdenes de Mercado Pago {ids}</translation>
    </message>
    <message>
        <source>PAID {count} TIMES: refund the extra payments</source>
        <translation>PAGADA {count} VECES: devuelva los pagos de más</translation>
    </message>
    <message>
        <source>payment {payment} is already in the books as sale {reference}: counted there, not twice</source>
        <translation>el pago {payment} ya está registrado como la venta {reference}: se cuenta allí, no dos veces</translation>
    </message>
    <message>
        <source>{amount}, Mercado Pago refund {number}</source>
        <translation>{amount}, devolución de Mercado Pago {number}</translation>
    </message>
    <message>
        <source>{amount}: {reason}</source>
        <translation>{amount}: {reason}</translation>
    </message>
</context>
<context>
    <name>SaleStatus</name>
    <message>
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <source>Waiting for payment</source>
        <translation>Esperando el pago</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Pagada</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Vencida</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Rechazada</translation>
    </message>
</context>
<context>
    <name>SalesDialog</name>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <source>Sale recorded</source>
        <translation>Venta registrada</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>Cambio de estado</translation>
    </message>
    <message>
        <source>Card rejected</source>
        <translation>Tarjeta rechazada</translation>
    </message>
    <message>
        <source>Partly paid</source>
        <translation>Pagada en parte</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>Verificada</translation>
    </message>
    <message>
        <source>Connection trouble</source>
        <translation>Problemas de conexión</translation>
    </message>
    <message>
        <source>Cancel requested</source>
        <translation>Cancelación solicitada</translation>
    </message>
    <message>
        <source>Order removed from the box</source>
        <translation>Orden quitada de la caja</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Devolución</translation>
    </message>
    <message>
        <source>Recorded from Mercado Pago&apos;s payments</source>
        <translation>Registrada desde los pagos de Mercado Pago</translation>
    </message>
    <message>
        <source>Request key saved</source>
        <translation>Clave de solicitud guardada</translation>
    </message>
    <message>
        <source>charge</source>
        <translation>cobro</translation>
    </message>
    <message>
        <source>automatic check</source>
        <translation>verificación automática</translation>
    </message>
    <message>
        <source>notification</source>
        <translation>notificación</translation>
    </message>
    <message>
        <source>cashier canceled</source>
        <translation>cancelada por el cajero</translation>
    </message>
    <message>
        <source>start-up</source>
        <translation>inicio</translation>
    </message>
    <message>
        <source>checked by hand</source>
        <translation>verificada a mano</translation>
    </message>
    <message>
        <source>network</source>
        <translation>red</translation>
    </message>
    <message>
        <source>credentials</source>
        <translation>credenciales</translation>
    </message>
    <message>
        <source>connection trouble</source>
        <translation>problemas de conexión</translation>
    </message>
    <message>
        <source>checked from the command line</source>
        <translation>consultado desde la línea de comandos</translation>
    </message>
    <message>
        <source>check after the cancel</source>
        <translation>control posterior a la cancelación</translation>
    </message>
    <message>
        <source>written, waiting for Mercado Pago</source>
        <translation>registrada, esperando a Mercado Pago</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>devuelta</translation>
    </message>
    <message>
        <source>refused by Mercado Pago</source>
        <translation>rechazada por Mercado Pago</translation>
    </message>
    <message>
        <source>day&apos;s reconciliation</source>
        <translation>conciliación del día</translation>
    </message>
    <message>
        <source>day&apos;s close</source>
        <translation>cierre del día</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Dates…</source>
        <translation>Fechas…</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Todos los estados</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Pagada</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Esperando</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Vencida</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Rechazada</translation>
    </message>
    <message>
        <source>With refunds</source>
        <translation>Con devoluciones</translation>
    </message>
    <message>
        <source>Any tender</source>
        <translation>Cualquier medio de pago</translation>
    </message>
    <message>
        <source>Mercado Pago QR</source>
        <translation>QR de Mercado Pago</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <source>Paid late — do not charge again</source>
        <translation>Pagada tarde: no cobre de nuevo</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Devuelta</translation>
    </message>
    <message>
        <source>Paid, partly refunded</source>
        <translation>Pagada, devuelta en parte</translation>
    </message>
    <message>
        <source>Paid; its Mercado Pago payment is in the books as another sale (see its history), counted there: not twice</source>
        <translation>Pagada; su pago de Mercado Pago está registrado como otra venta (vea su historial): se cuenta allí, no dos veces</translation>
    </message>
    <message>
        <source>Paid late</source>
        <translation>Pagada tarde</translation>
    </message>
    <message>
        <source>Partly refunded</source>
        <translation>Devuelta en parte</translation>
    </message>
    <message>
        <source>Counted elsewhere</source>
        <translation>Contada en otra</translation>
    </message>
    <message>
        <source>Refunded {refunded} of {total}</source>
        <translation>Devuelto {refunded} de {total}</translation>
    </message>
    <message>
        <source>Paid in cash</source>
        <translation>Pagada en efectivo</translation>
    </message>
</context>
<context>
    <name>ScaleLabel</name>
    <message>
        <source>That scale label was misread (its check digit is wrong): scan it again or type the weight.</source>
        <translation>Esa etiqueta de balanza se leyó mal (su dígito verificador no coincide): escanéela de nuevo o escriba el peso.</translation>
    </message>
    <message>
        <source>That scale label says 0: weigh the product again.</source>
        <translation>Esa etiqueta de balanza dice 0: vuelva a pesar el producto.</translation>
    </message>
    <message>
        <source>{title} is not sold by weight: check the product&apos;s code on the scale.</source>
        <translation>{title} no se vende por peso: revise el código del producto en la balanza.</translation>
    </message>
    <message>
        <source>{title}: the label says {weight}, more than one line can sell. Weigh it in smaller parts.</source>
        <translation>{title}: la etiqueta dice {weight}, más de lo que se puede vender en una línea. Péselo en partes más chicas.</translation>
    </message>
    <message>
        <source>This scale label&apos;s layout has decimals in the price, which {currency} has not: choose your scale&apos;s layout in Settings → Charging.</source>
        <translation>El formato de esta etiqueta de balanza lleva decimales en el precio, que {currency} no tiene: elija el formato de su balanza en Configuración → Cobro.</translation>
    </message>
    <message>
        <source>{title} costs {price} each: the label&apos;s {amount} is not a number of them. Check the product&apos;s code and the scale&apos;s layout (Settings → Charging).</source>
        <translation>{title} cuesta {price} la unidad: los {amount} de la etiqueta no son una cantidad de unidades. Revise el código del producto y el formato de la balanza (Configuración → Cobro).</translation>
    </message>
</context>
<context>
    <name>ScanField</name>
    <message>
        <source>Scan or search</source>
        <translation>Escanear o buscar</translation>
    </message>
    <message>
        <source>Sale finished: press Enter for the next one</source>
        <translation>Venta terminada: presione Enter para la siguiente</translation>
    </message>
    <message>
        <source>Press Enter for the next sale</source>
        <translation>Presione Enter para la siguiente venta</translation>
    </message>
    <message>
        <source>Enter: next sale</source>
        <translation>Enter: siguiente venta</translation>
    </message>
    <message>
        <source>The customer is paying: the cart is locked</source>
        <translation>El cliente está pagando: el carrito está bloqueado</translation>
    </message>
    <message>
        <source>Customer paying: cart locked</source>
        <translation>Cliente pagando: carrito bloqueado</translation>
    </message>
    <message>
        <source>Cart locked</source>
        <translation>Carrito bloqueado</translation>
    </message>
    <message>
        <source>Scan a barcode or type a product name or SKU</source>
        <translation>Escanee un código de barras o escriba el nombre o SKU de un producto</translation>
    </message>
    <message>
        <source>Scan or type a product name or SKU</source>
        <translation>Escanee o escriba el nombre o SKU</translation>
    </message>
</context>
<context>
    <name>Secrets</name>
    <message>
        <source>The access token cannot be saved: this computer has no password keyring the app can use, or it is locked. Install or unlock one (for example GNOME Keyring or KWallet), or, for a kiosk, set the MP_ACCESS_TOKEN environment variable. The token is never written to a file.</source>
        <translation>El token de acceso no se puede guardar: esta computadora no tiene un llavero de contraseñas que la aplicación pueda usar, o está bloqueado. Instale o desbloquee uno (por ejemplo GNOME Keyring o KWallet) o, para un quiosco, defina la variable de entorno MP_ACCESS_TOKEN. El token nunca se escribe en un archivo.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Secciones</translation>
    </message>
    <message>
        <source>Discard the changes made in Settings?</source>
        <translation>¿Descartar los cambios hechos en Configuración?</translation>
    </message>
    <message>
        <source>{section}: {problem}</source>
        <translation>{section}: {problem}</translation>
    </message>
    <message>
        <source>Finishing saving the settings: the app closes as soon as they are saved. If the computer asks for a password to unlock its keyring, type it there.</source>
        <translation>Terminando de guardar la configuración: la aplicación se cierra apenas quede guardada. Si la computadora pide una contraseña para desbloquear el llavero del sistema, escríbala ahí.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>The settings file could not be written ({error}).</source>
        <translation>No se pudo escribir el archivo de configuración ({error}).</translation>
    </message>
    <message>
        <source>Saving… If the computer asks for a password to unlock its keyring, type it there.</source>
        <translation>Guardando… Si la computadora pide una contraseña para desbloquear su llavero, escríbala ahí.</translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <source>An order must expire after 1 to 1440 minutes (one day).</source>
        <translation>Una orden debe vencer entre 1 y 1440 minutos (un día).</translation>
    </message>
    <message>
        <source>Keep 1 to 1000 backups.</source>
        <translation>Guarde de 1 a 1000 copias.</translation>
    </message>
    <message>
        <source>Check between every 0.2 and every 300 seconds.</source>
        <translation>El intervalo entre verificaciones debe ser de 0.2 a 300 segundos.</translation>
    </message>
    <message>
        <source>The quick checks may last from 0 to 3600 seconds (one hour).</source>
        <translation>Las verificaciones frecuentes pueden durar de 0 a 3600 segundos (una hora).</translation>
    </message>
    <message>
        <source>This address holds an access token. It is never needed there, and it would be saved in the settings file and sent with every order: take it out.</source>
        <translation>Esta dirección contiene un token de acceso. Nunca hace falta ahí, y se guardaría en el archivo de configuración y se enviaría con cada orden: quítelo.</translation>
    </message>
    <message>
        <source>Not the name of a screen.</source>
        <translation>No es el nombre de una pantalla.</translation>
    </message>
    <message>
        <source>The logo must be a file chosen with Browse.</source>
        <translation>El logo debe ser un archivo elegido con Buscar.</translation>
    </message>
    <message>
        <source>The logo must be a picture: PNG, JPEG, BMP, GIF, SVG or WebP.</source>
        <translation>El logo debe ser una imagen: PNG, JPEG, BMP, GIF, SVG o WebP.</translation>
    </message>
    <message>
        <source>Write a whole number of minutes, from 1 to 1440.</source>
        <translation>Escriba un número entero de minutos, de 1 a 1440.</translation>
    </message>
    <message>
        <source>Write a number of seconds, like 1 or 2.5.</source>
        <translation>Escriba un número de segundos, como 1 o 2.5.</translation>
    </message>
    <message>
        <source>Write a number of seconds, like 120.</source>
        <translation>Escriba un número de segundos, como 120.</translation>
    </message>
    <message>
        <source>Write the address as HOST:PORT, for example 127.0.0.1:8088 (port 1 to 65535).</source>
        <translation>Escriba la dirección como HOST:PUERTO, por ejemplo 127.0.0.1:8088 (puerto de 1 a 65535).</translation>
    </message>
    <message>
        <source>Mercado Pago only sends notifications to an https:// address that the internet can reach (plain http:// only for 127.0.0.1, when testing).</source>
        <translation>Mercado Pago solo envía notificaciones a una dirección https:// accesible desde internet (http:// simple solo para 127.0.0.1, en pruebas).</translation>
    </message>
    <message>
        <source>Tick the days the store opens.</source>
        <translation>Marque los días que abre la sucursal.</translation>
    </message>
    <message>
        <source>Write the times as HH:MM.</source>
        <translation>Escriba los horarios como HH:MM.</translation>
    </message>
    <message>
        <source>The closing time must be later than the opening time.</source>
        <translation>El horario de cierre debe ser posterior al de apertura.</translation>
    </message>
    <message>
        <source>Mercado Pago needs this.</source>
        <translation>Mercado Pago lo necesita.</translation>
    </message>
    <message>
        <source>Another store of this account already uses this id.</source>
        <translation>Otra sucursal de esta cuenta ya usa este ID.</translation>
    </message>
    <message>
        <source>A number between -{bound} and {bound}, like -34.6037.</source>
        <translation>Un número entre -{bound} y {bound}, como -34.6037.</translation>
    </message>
    <message>
        <source>Another box of this account already uses this id.</source>
        <translation>Otra caja de esta cuenta ya usa este ID.</translation>
    </message>
    <message>
        <source>The category is a number (an MCC code), or leave it empty.</source>
        <translation>La categoría es un número (un código MCC), o déjela vacía.</translation>
    </message>
</context>
<context>
    <name>SettingsForms</name>
    <message>
        <source>Back to the list</source>
        <translation>Volver a la lista</translation>
    </message>
</context>
<context>
    <name>SettingsWidgets</name>
    <message>
        <source>Please note</source>
        <translation>Atención</translation>
    </message>
</context>
<context>
    <name>Setup</name>
    <message>
        <source>The box id may only have letters and digits, fewer than 40 of them.</source>
        <translation>El ID de la caja solo puede tener letras y números, menos de 40.</translation>
    </message>
    <message>
        <source>The store id may only have letters and digits, at most 60.</source>
        <translation>El ID de la sucursal solo puede tener letras y números, hasta 60.</translation>
    </message>
    <message>
        <source>The account has no store with external id {store}. Check the id (it is the store&apos;s external id, not its number), or create it.</source>
        <translation>La cuenta no tiene ninguna sucursal con el ID externo {store}. Revise el ID (es el ID externo de la sucursal, no su número) o créela.</translation>
    </message>
    <message>
        <source>Box {box} belongs to store {other}, not to store {store}.</source>
        <translation>La caja {box} pertenece a la sucursal {other}, no a la sucursal {store}.</translation>
    </message>
    <message>
        <source>The account has no box with external id {box}. Boxes made in the Mercado Pago web panel have no external id: create the box here instead.</source>
        <translation>La cuenta no tiene ninguna caja con el ID externo {box}. Las cajas creadas en el panel web de Mercado Pago no tienen ID externo: cree la caja aquí.</translation>
    </message>
</context>
<context>
    <name>SetupAssistant</name>
    <message>
        <source>Set up the counter — Mercado Pago QR</source>
        <translation>Configurar la caja — QR de Mercado Pago</translation>
    </message>
    <message>
        <source>Welcome! Let&apos;s connect your Mercado Pago account</source>
        <translation>¡Le damos la bienvenida! Conectemos su cuenta de Mercado Pago</translation>
    </message>
    <message>
        <source>This app shows your customer&apos;s total on the QR sticker of your counter; they pay with the Mercado Pago app. Three short steps: your account, your store and box, and the sticker.</source>
        <translation>Esta aplicación muestra el total de su cliente en el sticker QR de su caja; el cliente paga con la app de Mercado Pago. Tres pasos cortos: su cuenta, su sucursal y caja, y el sticker.</translation>
    </message>
    <message>
        <source>All set</source>
        <translation>Todo listo</translation>
    </message>
    <message>
        <source>Print the QR sticker and put it where customers can scan it. You can change all of this later in Tools → Settings (F9).</source>
        <translation>Imprima el sticker QR y póngalo donde los clientes puedan escanearlo. Puede cambiar todo esto después en Herramientas → Configuración (F9).</translation>
    </message>
    <message>
        <source>Try the demo first</source>
        <translation>Probar la demo primero</translation>
    </message>
    <message>
        <source>Opens the app with a pretend Mercado Pago and a pretend customer&apos;s phone: nothing real is charged and nothing here is saved.</source>
        <translation>Abre la aplicación con un Mercado Pago simulado y un teléfono de cliente simulado: no se cobra nada real y no se guarda nada.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Step 1 of 3 — your Mercado Pago account</source>
        <translation>Paso 1 de 3: su cuenta de Mercado Pago</translation>
    </message>
    <message>
        <source>Step 2 of 3 — your store and box</source>
        <translation>Paso 2 de 3: su sucursal y caja</translation>
    </message>
    <message>
        <source>Step 3 of 3 — the QR sticker</source>
        <translation>Paso 3 de 3: el sticker QR</translation>
    </message>
    <message>
        <source>Start selling</source>
        <translation>Empezar a vender</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>This computer charges on {box} in {store}, for the account {account}.</source>
        <translation>Esta computadora cobra en {box} de {store}, para la cuenta {account}.</translation>
    </message>
    <message>
        <source>The QR code is not available yet.</source>
        <translation>El código QR todavía no está disponible.</translation>
    </message>
    <message>
        <source>Finishing the save: this window closes as soon as it is done.</source>
        <translation>Terminando de guardar: esta ventana se cierra en cuanto termine.</translation>
    </message>
</context>
<context>
    <name>StartupPage</name>
    <message>
        <source>Start-up</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Start the app when this computer&apos;s user logs in</source>
        <translation>Abrir la app cuando el usuario de esta computadora inicia sesión</translation>
    </message>
    <message>
        <source>Starting the app again while it is open brings its window to the front.</source>
        <translation>Abrir la app otra vez mientras está abierta trae su ventana al frente.</translation>
    </message>
    <message>
        <source>The start-up entry could not be written ({error}).</source>
        <translation>No se pudo escribir la entrada de inicio ({error}).</translation>
    </message>
</context>
<context>
    <name>StickerPanel</name>
    <message>
        <source>Print sticker…</source>
        <translation>Imprimir sticker…</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>Guardar como PNG…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Guardar como PDF…</translation>
    </message>
    <message>
        <source>Choose a box to see its QR code.</source>
        <translation>Elija una caja para ver su código QR.</translation>
    </message>
    <message>
        <source>Pay with Mercado Pago</source>
        <translation>Pague con Mercado Pago</translation>
    </message>
    <message>
        <source>Scan this code with the Mercado Pago app</source>
        <translation>Escanee este código con la app de Mercado Pago</translation>
    </message>
    <message>
        <source>The QR of {box} in {store}. Print it and stick it on this counter: customers scan it to pay what this computer charges.</source>
        <translation>El QR de {box} en {store}. Imprímalo y péguelo en esta caja: los clientes lo escanean para pagar lo que cobra esta computadora.</translation>
    </message>
    <message>
        <source>Save the QR sticker as PDF</source>
        <translation>Guardar el sticker QR como PDF</translation>
    </message>
    <message>
        <source>Save the QR sticker as PNG</source>
        <translation>Guardar el sticker QR como PNG</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Documento PDF (*.pdf)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Imagen PNG (*.png)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>Guardado: {path}</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>No se pudo escribir {path}: {error}</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Enviado a la impresora.</translation>
    </message>
    <message>
        <source>The printer refused the job.</source>
        <translation>La impresora rechazó el trabajo.</translation>
    </message>
</context>
<context>
    <name>StoreBoxPage</name>
    <message>
        <source>Store and box</source>
        <translation>Sucursal y caja</translation>
    </message>
    <message>
        <source>Reload from Mercado Pago</source>
        <translation>Volver a cargar desde Mercado Pago</translation>
    </message>
    <message>
        <source>New store…</source>
        <translation>Nueva sucursal…</translation>
    </message>
    <message>
        <source>New box…</source>
        <translation>Nueva caja…</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>Sucursales</translation>
    </message>
    <message>
        <source>Boxes of the chosen store</source>
        <translation>Cajas de la sucursal elegida</translation>
    </message>
    <message>
        <source>In Mercado Pago a store is your shop and a box is one till with its own QR sticker. Choose the store and the box this computer charges on, or create them here.</source>
        <translation>En Mercado Pago una sucursal es su negocio y una caja es un punto de cobro con su propio sticker QR. Elija la sucursal y la caja donde cobra esta computadora, o créelas aquí.</translation>
    </message>
    <message>
        <source>Check the access token first (Account), then the stores appear here.</source>
        <translation>Primero verifique el token de acceso (Cuenta); después las sucursales aparecen aquí.</translation>
    </message>
    <message>
        <source>Account: {nickname} (user {id})</source>
        <translation>Cuenta: {nickname} (usuario {id})</translation>
    </message>
    <message>
        <source>Loading your stores and boxes…</source>
        <translation>Cargando sus sucursales y cajas…</translation>
    </message>
    <message>
        <source>No store yet: create one.</source>
        <translation>Todavía no hay sucursales: cree una.</translation>
    </message>
    <message>
        <source>id {id}</source>
        <translation>ID {id}</translation>
    </message>
    <message>
        <source>no store id (made in the web panel)</source>
        <translation>sin ID de sucursal (creada en el panel web)</translation>
    </message>
    <message>
        <source>no box id (made in the web panel)</source>
        <translation>sin ID de caja (creada en el panel web)</translation>
    </message>
    <message>
        <source>This store was made in the Mercado Pago web panel and has no store id, which the app needs. Create a store here instead.</source>
        <translation>Esta sucursal se creó en el panel web de Mercado Pago y no tiene ID de sucursal, que la aplicación necesita. Cree una sucursal aquí.</translation>
    </message>
    <message>
        <source>This box was made in the Mercado Pago web panel and has no box id, which the app needs to send it orders. Create a box here instead.</source>
        <translation>Esta caja se creó en el panel web de Mercado Pago y no tiene ID de caja, que la aplicación necesita para enviarle órdenes. Cree una caja aquí.</translation>
    </message>
    <message>
        <source>No box yet: create one.</source>
        <translation>Todavía no hay cajas: cree una.</translation>
    </message>
    <message>
        <source>Fetching the box&apos;s QR code…</source>
        <translation>Obteniendo el código QR de la caja…</translation>
    </message>
    <message>
        <source>Choose the store this computer belongs to, or create one.</source>
        <translation>Elija la sucursal a la que pertenece esta computadora, o cree una.</translation>
    </message>
    <message>
        <source>Choose the box (till) this computer charges on, or create one.</source>
        <translation>Elija la caja donde cobra esta computadora, o cree una.</translation>
    </message>
    <message>
        <source>This computer charges on: {store} · {box}</source>
        <translation>Esta computadora cobra en: {store} · {box}</translation>
    </message>
    <message>
        <source>Loading the QR code…</source>
        <translation>Cargando el código QR…</translation>
    </message>
    <message>
        <source>Choose a box to see its QR code.</source>
        <translation>Elija una caja para ver su código QR.</translation>
    </message>
    <message>
        <source>Creating the store in Mercado Pago…</source>
        <translation>Creando la sucursal en Mercado Pago…</translation>
    </message>
    <message>
        <source>Creating the box in Mercado Pago…</source>
        <translation>Creando la caja en Mercado Pago…</translation>
    </message>
    <message>
        <source>Wait for Mercado Pago to answer.</source>
        <translation>Espere la respuesta de Mercado Pago.</translation>
    </message>
    <message>
        <source>Create the new store, or go back to the list.</source>
        <translation>Cree la sucursal nueva, o vuelva a la lista.</translation>
    </message>
    <message>
        <source>Create the new box, or go back to the list.</source>
        <translation>Cree la caja nueva, o vuelva a la lista.</translation>
    </message>
    <message>
        <source>This one cannot be used (see the message under the lists).</source>
        <translation>Esta no se puede usar (vea el mensaje debajo de las listas).</translation>
    </message>
</context>
<context>
    <name>StoreDatabase</name>
    <message>
        <source>the password belongs in the keyring</source>
        <translation>la contraseña va en el llavero del sistema</translation>
    </message>
    <message>
        <source>not a PostgreSQL address (postgresql://USER@HOST:PORT/DATABASE)</source>
        <translation>no es una dirección de PostgreSQL (postgresql://USUARIO@SERVIDOR:PUERTO/BASE)</translation>
    </message>
    <message>
        <source>The store database has schema version {found}, newer than this app knows ({known}). Nothing was written to it; the sales wait in this counter&apos;s ledger. Update pos-app on this counter.</source>
        <translation>La base de datos de la tienda tiene la versión de esquema {found}, más nueva que la que conoce esta aplicación ({known}). No se escribió nada en ella; las ventas esperan en el registro de esta caja. Actualice pos-app en esta caja.</translation>
    </message>
    <message>
        <source>In the store database, box {box} belongs to the login {owner}, not to this counter&apos;s. Nothing was written; the sales wait in this counter&apos;s ledger. Check the box in Settings, or the login in the store database&apos;s address.</source>
        <translation>En la base de datos de la tienda, la caja {box} pertenece al usuario {owner}, no al de esta caja. No se escribió nada; las ventas esperan en el registro de esta caja. Revise la caja en Configuración o el usuario en la dirección de la base de datos de la tienda.</translation>
    </message>
    <message>
        <source>Mercado Pago has no store {store} in this account.</source>
        <translation>Mercado Pago no tiene la sucursal {store} en esta cuenta.</translation>
    </message>
</context>
<context>
    <name>StoreDatabasePage</name>
    <message>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <source>postgresql://USER@HOST/DB</source>
        <translation>postgresql://USUARIO@SERVIDOR/BASE</translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation>(sin cambios)</translation>
    </message>
    <message>
        <source>Empty: this counter keeps its sales to itself. With an address, every sale is also sent to the store&apos;s PostgreSQL database, in the background.</source>
        <translation>Vacío: esta caja guarda sus ventas solo para sí. Con una dirección, cada venta también se envía a la base de datos PostgreSQL de la tienda, en segundo plano.</translation>
    </message>
    <message>
        <source>Kept in the computer&apos;s password keyring, never in a file.</source>
        <translation>Se guarda en el llavero de contraseñas de la computadora, nunca en un archivo.</translation>
    </message>
    <message>
        <source>Check the connection</source>
        <translation>Probar la conexión</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Dirección:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Contraseña:</translation>
    </message>
    <message>
        <source>Store database (all counters of the store)</source>
        <translation>Base de datos de la tienda (todas las cajas)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Connected. The store database is ready (schema version {version}).</source>
        <translation>Conectado. La base de datos de la tienda está lista (versión de esquema {version}).</translation>
    </message>
    <message>
        <source>Not connected ({detail}). The counter sells on; its sales wait until the store database answers.</source>
        <translation>Sin conexión ({detail}). La caja sigue vendiendo; sus ventas esperan hasta que la base de datos de la tienda responda.</translation>
    </message>
</context>
<context>
    <name>StoreViewDialog</name>
    <message>
        <source>Store and chain</source>
        <translation>Sucursal y cadena</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Sucursal</translation>
    </message>
    <message>
        <source>Box</source>
        <translation>Caja</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Ventas</translation>
    </message>
    <message>
        <source>Mercado Pago QR</source>
        <translation>QR de Mercado Pago</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Devoluciones</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Neto</translation>
    </message>
    <message>
        <source>The store&apos;s counters</source>
        <translation>Las cajas de la sucursal</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Mostrar:</translation>
    </message>
    <message>
        <source>This store ({store})</source>
        <translation>Esta sucursal ({store})</translation>
    </message>
    <message>
        <source>The whole chain (every store)</source>
        <translation>Toda la cadena (todas las sucursales)</translation>
    </message>
    <message>
        <source>Reading the store database…</source>
        <translation>Leyendo la base de datos de la tienda…</translation>
    </message>
    <message>
        <source>No store database is configured: Settings → Database.</source>
        <translation>No hay base de datos de la tienda configurada: Configuración → Base de datos.</translation>
    </message>
    <message>
        <source>The store database cannot be reached ({detail}). The counters sell on; their sales arrive when it answers again.</source>
        <translation>No se puede acceder a la base de datos de la tienda ({detail}). Las cajas siguen vendiendo; sus ventas llegan cuando vuelva a responder.</translation>
    </message>
    <message>
        <source>All boxes</source>
        <translation>Todas las cajas</translation>
    </message>
    <message>
        <source>Whole chain</source>
        <translation>Toda la cadena</translation>
    </message>
    <message>
        <source>Each box since its last close, as the store database has it at {time}. {boxes} boxes.</source>
        <translation>Cada caja desde su último cierre, según la base de datos de la tienda a las {time}. {boxes} cajas.</translation>
    </message>
    <message>
        <source>IVA {rate}%</source>
        <translation>IVA {rate}%</translation>
    </message>
</context>
<context>
    <name>Support</name>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>Show logs</source>
        <translation>Mostrar registros de la app</translation>
    </message>
    <message>
        <source>Save a support file…</source>
        <translation>Guardar un archivo para soporte…</translation>
    </message>
    <message>
        <source>About…</source>
        <translation>Acerca de…</translation>
    </message>
    <message>
        <source>Save a support file</source>
        <translation>Guardar un archivo para soporte</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Archivos zip (*.zip)</translation>
    </message>
    <message>
        <source>The support file was saved as {file}. Send it to your support technician: it holds no password or token.</source>
        <translation>El archivo para soporte se guardó como {file}. Envíelo a su técnico: no contiene contraseñas ni tokens.</translation>
    </message>
    <message>
        <source>Saving the support file…</source>
        <translation>Guardando el archivo para soporte…</translation>
    </message>
    <message>
        <source>The support file could not be saved as {file}: {error}. Free some space or choose another folder, then try again.</source>
        <translation>No se pudo guardar el archivo para soporte como {file}: {error}. Libere espacio o elija otra carpeta y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>Something went wrong inside the app; the sale is safe (every step is saved in the sales ledger before it is shown). The details were written to the log. You can keep working; if it happens again, save a support file and send it to your support technician.</source>
        <translation>Algo salió mal dentro de la app; la venta está a salvo (cada paso se guarda en el registro de ventas antes de mostrarse). Los detalles quedaron en el log. Puede seguir trabajando; si vuelve a pasar, guarde un archivo para soporte y envíelo a su técnico.</translation>
    </message>
    <message>
        <source>This happened {count} times.</source>
        <translation>Esto pasó {count} veces.</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Algo salió mal</translation>
    </message>
</context>
<context>
    <name>TodaySalesDialog</name>
    <message>
        <source>Sales</source>
        <translation>Ventas</translation>
    </message>
    <message>
        <source>Reference, amount or product</source>
        <translation>Referencia, monto o producto</translation>
    </message>
    <message>
        <source>Pick a sale to see its lines and history.</source>
        <translation>Elija una venta para ver sus líneas y su historial.</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artículo</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Cant.</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Descuento</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detalle</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Devoluciones</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Monto</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Check again with Mercado Pago</source>
        <translation>Verificar de nuevo con Mercado Pago</translation>
    </message>
    <message>
        <source>Cancel this sale</source>
        <translation>Cancelar esta venta</translation>
    </message>
    <message>
        <source>Reprint receipt</source>
        <translation>Reimprimir comprobante</translation>
    </message>
    <message>
        <source>See, print again or save the receipt</source>
        <translation>Ver, volver a imprimir o guardar el comprobante</translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation>Devolver…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>History of the chosen sale</source>
        <translation>Historial de la venta elegida</translation>
    </message>
    <message>
        <source>Search the sales</source>
        <translation>Buscar en las ventas</translation>
    </message>
    <message>
        <source>Lines of the chosen sale</source>
        <translation>Líneas de la venta elegida</translation>
    </message>
    <message>
        <source>No sales in this period.</source>
        <translation>No hay ventas en este período.</translation>
    </message>
    <message>
        <source>Given back on these sales: QR {qr_back} · cash {cash_back}
Net: {net} (QR {qr_net} · cash {cash_net})</source>
        <translation>Devuelto de estas ventas: QR {qr_back} · efectivo {cash_back}
Neto: {net} (QR {qr_net} · efectivo {cash_net})</translation>
    </message>
    <message>
        <source>Reading the sales…</source>
        <translation>Leyendo las ventas…</translation>
    </message>
    <message>
        <source>Sale discount: {amount}</source>
        <translation>Descuento en la venta: {amount}</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>No se pudo escribir {path}: {error}</translation>
    </message>
    <message>
        <source>sales-{date}.csv</source>
        <translation>ventas-{date}.csv</translation>
    </message>
    <message>
        <source>Export sales</source>
        <translation>Exportar ventas</translation>
    </message>
    <message>
        <source>1 sale exported to {path}</source>
        <translation>1 venta exportada a {path}</translation>
    </message>
    <message>
        <source>{count} sales exported to {path}</source>
        <translation>{count} ventas exportadas a {path}</translation>
    </message>
    <message>
        <source>Cancel sale {reference}? Its order leaves the box: a customer about to pay it can no longer do so. A payment that arrives anyway is still recorded.</source>
        <translation>¿Cancelar la venta {reference}? Su orden sale de la caja: un cliente a punto de pagarla ya no podrá hacerlo. Un pago que llegue igual queda registrado.</translation>
    </message>
    <message>
        <source>{status} — {total}
Sale {reference}</source>
        <translation>{status} — {total}
Venta {reference}</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <source>1 sale</source>
        <translation>1 venta</translation>
    </message>
    <message>
        <source>{count} sales</source>
        <translation>{count} ventas</translation>
    </message>
    <message>
        <source>{count} · QR: {paid} ({qr_total}) · cash: {cash} ({cash_total})</source>
        <translation>{count} · QR: {paid} ({qr_total}) · efectivo: {cash} ({cash_total})</translation>
    </message>
    <message>
        <source>IVA included: {amount}</source>
        <translation>IVA incluido: {amount}</translation>
    </message>
    <message>
        <source>Refunded {refunded} — left to refund {left}</source>
        <translation>Devuelto {refunded}; queda por devolver {left}</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Charge with QR  (F5)</source>
        <translation>Cobrar con QR  (F5)</translation>
    </message>
    <message>
        <source>One less of the selected line  (-)</source>
        <translation>Una unidad menos de la línea elegida  (-)</translation>
    </message>
    <message>
        <source>One more of the selected line  (+)</source>
        <translation>Una unidad más de la línea elegida  (+)</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>Quitar línea</translation>
    </message>
    <message>
        <source>Remove the selected line  (Delete)</source>
        <translation>Quitar la línea elegida  (Supr)</translation>
    </message>
    <message>
        <source>Discounts: −{amount}</source>
        <translation>Descuentos: −{amount}</translation>
    </message>
    <message>
        <source>Sale discount {what}</source>
        <translation>Descuento en la venta {what}</translation>
    </message>
    <message>
        <source>IVA included: {amount}</source>
        <translation>IVA incluido: {amount}</translation>
    </message>
    <message>
        <source>{rate} %: {amount}</source>
        <translation>{rate} %: {amount}</translation>
    </message>
    <message>
        <source>The cart is empty</source>
        <translation>El carrito está vacío</translation>
    </message>
    <message>
        <source>F2 custom amount · F3 sales history · F5 charge
+ / − quantity · Delete remove · ↑ ↓ line or product
F6 products · F7 line discount · F8 sale discount · F9 settings</source>
        <translation>F2 monto libre · F3 historial de ventas · F5 cobrar
+ / − cantidad · Supr quitar · ↑ ↓ línea o producto
F6 productos · F7 descuento de línea · F8 descuento de venta · F9 configuración</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1 artículo</translation>
    </message>
    <message>
        <source>{n} items</source>
        <translation>{n} artículos</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>The price must be greater than zero.</source>
        <translation>El precio debe ser mayor que cero.</translation>
    </message>
    <message>
        <source>That is more than any sale in {currency} at a counter: the largest amount this till accepts is {limit}.</source>
        <translation>Eso es más que cualquier venta en {currency} en un mostrador: el monto máximo que acepta esta caja es {limit}.</translation>
    </message>
    <message>
        <source>Prices in {currency} have no decimals.</source>
        <translation>Los precios en {currency} no llevan decimales.</translation>
    </message>
    <message>
        <source>Prices in {currency} can have at most {decimals} decimals.</source>
        <translation>Los precios en {currency} pueden tener como máximo {decimals} decimales.</translation>
    </message>
    <message>
        <source>The quantity must be a whole number.</source>
        <translation>La cantidad debe ser un número entero.</translation>
    </message>
    <message>
        <source>The quantity must be between {low} and {high}.</source>
        <translation>La cantidad debe estar entre {low} y {high}.</translation>
    </message>
    <message>
        <source>The cart is empty: add an item before charging.</source>
        <translation>El carrito está vacío: agregue un artículo antes de cobrar.</translation>
    </message>
    <message>
        <source>The total must be greater than zero.</source>
        <translation>El total debe ser mayor que cero.</translation>
    </message>
    <message>
        <source>The total {total} is above this till&apos;s limit of {limit}.</source>
        <translation>El total {total} supera el límite de esta caja, {limit}.</translation>
    </message>
    <message>
        <source>Type the amount.</source>
        <translation>Escriba el monto.</translation>
    </message>
    <message>
        <source>“{text}” is not an amount. Write it like {example}.</source>
        <translation>“{text}” no es un monto. Escríbalo así: {example}.</translation>
    </message>
    <message>
        <source>“{text}” is not an amount: write digits with a dot or a comma for the decimals and no thousands mark, like {example}.</source>
        <translation>“{text}” no es un monto: escriba cifras con un punto o una coma para los decimales y sin separador de miles, como {example}.</translation>
    </message>
    <message>
        <source>“{text}” could be {whole} or a price with three decimals: write {grouped} or {whole}.</source>
        <translation>“{text}” puede ser {whole} o un precio con tres decimales: escriba {grouped} o {whole}.</translation>
    </message>
    <message>
        <source>Amounts in {currency} have no decimals: write {example}.</source>
        <translation>Los montos en {currency} no llevan decimales: escriba {example}.</translation>
    </message>
    <message>
        <source>“{text}” is not an amount: write digits with a dot for the decimals, like {example}.</source>
        <translation>“{text}” no es un monto: escriba cifras con un punto para los decimales, como {example}.</translation>
    </message>
    <message>
        <source>The IVA rate must be 0, 5 or 19 %.</source>
        <translation>La tasa de IVA debe ser 0, 5 o 19 %.</translation>
    </message>
    <message>
        <source>The amount must be greater than zero.</source>
        <translation>El monto debe ser mayor que cero.</translation>
    </message>
    <message>
        <source>Cashier&apos;s name</source>
        <translation>Nombre del cajero</translation>
    </message>
    <message>
        <source>Reason for the cash movement</source>
        <translation>Motivo del movimiento de caja</translation>
    </message>
    <message>
        <source>Reason for the refund</source>
        <translation>Motivo de la devolución</translation>
    </message>
    <message>
        <source>Product name</source>
        <translation>Nombre del producto</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>Código de barras</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Item description</source>
        <translation>Descripción del artículo</translation>
    </message>
    <message>
        <source>Every item needs a name (control and invisible characters do not count).</source>
        <translation>Cada artículo necesita un nombre (los caracteres de control e invisibles no cuentan).</translation>
    </message>
    <message>
        <source>Reason for the discount</source>
        <translation>Motivo del descuento</translation>
    </message>
    <message>
        <source>Name on the customer&apos;s phone</source>
        <translation>Nombre en el teléfono del cliente</translation>
    </message>
    <message>
        <source>Shop name on the receipt</source>
        <translation>Nombre del comercio en el comprobante</translation>
    </message>
    <message>
        <source>Receipt header</source>
        <translation>Encabezado del comprobante</translation>
    </message>
    <message>
        <source>Receipt footer</source>
        <translation>Pie del comprobante</translation>
    </message>
    <message>
        <source>Store name</source>
        <translation>Nombre de la sucursal</translation>
    </message>
    <message>
        <source>Box name</source>
        <translation>Nombre de la caja</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Calle</translation>
    </message>
    <message>
        <source>Street number</source>
        <translation>Número de calle</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <source>Province or state</source>
        <translation>Provincia o estado</translation>
    </message>
    <message>
        <source>{field}: at most {limit} characters, this one has {length}.</source>
        <translation>{field}: como máximo {limit} caracteres, este texto tiene {length}.</translation>
    </message>
    <message>
        <source>{field}: it cannot be empty (control and invisible characters do not count).</source>
        <translation>{field}: no puede quedar en blanco (los caracteres de control e invisibles no cuentan).</translation>
    </message>
    <message>
        <source>The weight or measure must be between {low} and {high}.</source>
        <translation>El peso o la medida deben estar entre {low} y {high}.</translation>
    </message>
    <message>
        <source>The weight or measure can have at most 3 decimals.</source>
        <translation>El peso o la medida pueden tener como máximo 3 decimales.</translation>
    </message>
    <message>
        <source>“{text}” can be read two ways: type {whole} or {fraction}.</source>
        <translation>“{text}” se puede leer de dos maneras: escriba {whole} o {fraction}.</translation>
    </message>
    <message>
        <source>A percentage discount must be more than 0 and at most 100.</source>
        <translation>Un descuento porcentual debe ser mayor que 0 y como máximo 100.</translation>
    </message>
    <message>
        <source>A percentage can have at most 2 decimals.</source>
        <translation>Un porcentaje puede tener como máximo 2 decimales.</translation>
    </message>
    <message>
        <source>The discount is more than there is to discount: {amount} at most.</source>
        <translation>El descuento es mayor que lo que hay para descontar: {amount} como máximo.</translation>
    </message>
    <message>
        <source>The new price makes the line cost more than {amount}: a discount lowers the price.</source>
        <translation>Con el precio nuevo la línea cuesta más de {amount}: un descuento baja el precio.</translation>
    </message>
    <message>
        <source>Amounts in {currency} can have at most {decimals} decimals.</source>
        <translation>Los montos en {currency} pueden tener como máximo {decimals} decimales.</translation>
    </message>
</context>
<context>
    <name>WeightDialog</name>
    <message>
        <source>Weight</source>
        <translation>Peso</translation>
    </message>
    <message>
        <source>{title} — {price}</source>
        <translation>{title} — {price}</translation>
    </message>
    <message>
        <source>Weight or measure in {unit}</source>
        <translation>Peso o medida en {unit}</translation>
    </message>
    <message>
        <source>How much ({unit})</source>
        <translation>Cuánto ({unit})</translation>
    </message>
    <message>
        <source>Enter add · Esc cancel</source>
        <translation>Enter agregar · Esc cancelar</translation>
    </message>
    <message>
        <source>{measure} = {total}</source>
        <translation>{measure} = {total}</translation>
    </message>
    <message>
        <source>That is a barcode, not a weight: type the weight like {example}, or press Esc and scan the label in the scan field.</source>
        <translation>Eso es un código de barras, no un peso: escriba el peso como {example}, o presione Esc y escanee la etiqueta en el campo de escaneo.</translation>
    </message>
    <message>
        <source>Type the weight like {example}.</source>
        <translation>Escriba el peso así: {example}.</translation>
    </message>
</context>
</TS>
